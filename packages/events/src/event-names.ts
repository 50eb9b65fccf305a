/**
 * EventBridge sources and detail types meshcd publishes or accepts. One table, so the ingest function,
 * the rules in infra/ and the local bus cannot disagree about a spelling.
 */
export const eventSources = {
  git: 'meshcd.git',
  cluster: 'meshcd.cluster',
  reconciler: 'meshcd.reconciler',
  scheduler: 'meshcd.scheduler',
  codecommit: 'aws.codecommit',
  appmesh: 'aws.appmesh',
  /** Classic scheduled rules publish as `aws.events`. */
  schedule: 'aws.events',
  /** kubernetes-event-exporter's EventBridge sink: meshcd's convention is `source: kubernetes.<cluster>`. */
  kubernetesEventExporterPrefix: 'kubernetes.',
} as const;

export const detailTypes = {
  gitPush: 'Git Push',
  kubernetesObjectChanged: 'Kubernetes Object Changed',
  codecommitStateChange: 'CodeCommit Repository State Change',
  cloudTrailApiCall: 'AWS API Call via CloudTrail',
  scheduledEvent: 'Scheduled Event',
  scheduledCheck: 'Scheduled Check',
  reconcileSucceeded: 'Reconcile Succeeded',
  reconcileFailed: 'Reconcile Failed',
  driftDetected: 'Drift Detected',
  quotaThresholdReached: 'Quota Threshold Reached',
} as const;

/** The detail schemas of meshcd's own events carry this; a reader rejects versions it does not know. */
export const schemaVersion = '1' as const;
