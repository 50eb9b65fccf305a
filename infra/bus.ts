/** The EventBridge bus every inbound event (git push, cluster change, CloudTrail) and every outcome uses. */
export const bus = new sst.aws.Bus('MeshcdBus');
