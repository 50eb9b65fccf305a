import { rulePatterns } from '@meshcd/events';
import { bus } from './bus';
import { failuresToDeadLetter, withRetryAndDeadLetter } from './dead-letters';
import { deadLetterPermission, functionDefaults, tableResources } from './function-defaults';
import { cloudMapPermissions, clusterArns, nonEmpty, targetRoleArns, tracingPermission } from './iam';
import { latticePermissions } from './lattice-permissions';
import { toSubscriberPattern } from './reconciler';
import { targets } from './targets';
import { clusterNetwork } from './vpc';

const defaults = functionDefaults('meshcd-cluster-event');

/** Workload changes in the targets' clusters: a targeted sidecar check of one workload. */
export const clusterEventFunction = new sst.aws.Function('ClusterEvent', {
  ...defaults,
  ...clusterNetwork,
  handler: 'functions/cluster-event.handler',
  timeout: '1 minute',
  memory: '512 MB',
  retries: 2,
  permissions: nonEmpty([
    { actions: ['eks:DescribeCluster'], resources: clusterArns(targets) },
    // Targets in other accounts with a cluster (pod events come from clusters): their roles' sessions
    // make the calls there.
    { actions: ['sts:AssumeRole'], resources: targetRoleArns(targets.filter((t) => t.cluster)) },
    // Cloud Map services and the instances that follow the pods of Cloud Map nodes.
    ...cloudMapPermissions(targets, 'sync'),
    // Lattice targets: each target group's targets follow its pods.
    ...latticePermissions(targets, 'targets'),
    // The recorded injection members of the target decide what the workload should carry; the target
    // records (byKind index) say which target the cluster belongs to.
    { actions: ['dynamodb:Query'], resources: tableResources },
    deadLetterPermission,
    tracingPermission,
  ]),
  transform: { ...defaults.transform, eventInvokeConfig: failuresToDeadLetter },
});

export const clusterObjectSubscription = bus.subscribe('ClusterObjectChanged', clusterEventFunction.arn, {
  pattern: toSubscriberPattern(rulePatterns.clusterObjectChanged),
  transform: { target: withRetryAndDeadLetter },
});

/** kubernetes-event-exporter's EventBridge sink, configured to publish on meshcd's bus. */
export const eventExporterSubscription = bus.subscribe('KubernetesEventExporter', clusterEventFunction.arn, {
  pattern: toSubscriberPattern(rulePatterns.kubernetesEventExporter),
  transform: { target: withRetryAndDeadLetter },
});
