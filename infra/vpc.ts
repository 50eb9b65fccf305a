import { z } from 'zod';

/**
 * Optional network placement of the functions that talk to clusters (reconcile, detect-drift,
 * cluster-event): a cluster whose API endpoint is private is reachable only from inside its VPC. Set
 * MESHCD_VPC at deploy time to `{"subnetIds":[…],"securityGroupIds":[…]}`; the subnets need a route to
 * the AWS APIs meshcd calls (a NAT gateway, or VPC endpoints for STS, EKS, App Mesh, DynamoDB,
 * EventBridge, Secrets Manager), and the security groups must be allowed into the cluster's control
 * plane security group on 443. The webhook receiver stays outside: it talks to no cluster.
 */
const vpcSchema = z.strictObject({
  subnetIds: z.array(z.string().regex(/^subnet-[0-9a-f]+$/, 'a subnet id')).min(1),
  securityGroupIds: z.array(z.string().regex(/^sg-[0-9a-f]+$/, 'a security group id')).min(1),
});

function loadVpc() {
  const raw = process.env.MESHCD_VPC;
  if (!raw) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new Error(`MESHCD_VPC: not JSON: ${(error as Error).message}`);
  }
  const parsed = vpcSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`MESHCD_VPC: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return { privateSubnets: parsed.data.subnetIds, securityGroups: parsed.data.securityGroupIds };
}

/** What the cluster-facing functions spread into their arguments: a `vpc`, or nothing. */
export const clusterNetwork = (() => {
  const vpc = loadVpc();
  return vpc ? { vpc } : {};
})();
