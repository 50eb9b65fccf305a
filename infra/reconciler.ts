import { rulePatterns } from '@meshcd/events';
import { bus } from './bus';
import { appMeshRateEnvironment, reservedConcurrency } from './concurrency';
import { failuresToDeadLetter, withRetryAndDeadLetter } from './dead-letters';
import { deadLetterPermission, functionDefaults, tableItems, tableResources } from './function-defaults';
import {
  cloudMapPermissions,
  clusterArns,
  credentialSecretArns,
  meshArns,
  nonEmpty,
  partition,
  targetRoleArns,
  tracingPermission,
} from './iam';
import { latticePermissions } from './lattice-permissions';
import { gitCredentials } from './secrets';
import { targets } from './targets';
import { clusterNetwork } from './vpc';

/** The App Mesh calls the MeshApi adapter makes: observe, write, and read ownership tags. */
const appMeshActions = [
  'appmesh:List*',
  'appmesh:Describe*',
  'appmesh:Create*',
  'appmesh:Update*',
  'appmesh:Delete*',
  'appmesh:ListTagsForResource',
];

const defaults = functionDefaults('meshcd-reconcile');

/**
 * The reconciler: one target at a time under its lease, writing App Mesh only in the targets' meshes.
 * 15 minutes is Lambda's limit; the apply stops at a wave boundary before it and continues itself.
 */
export const reconcileFunction = new sst.aws.Function('Reconcile', {
  ...defaults,
  ...clusterNetwork,
  handler: 'functions/reconcile.handler',
  timeout: '15 minutes',
  memory: '1024 MB',
  retries: 2,
  environment: {
    ...defaults.environment,
    ...appMeshRateEnvironment,
  },
  // Linked (encrypted into the bundle), never an environment value; empty means no credentials.
  link: [gitCredentials],
  permissions: nonEmpty([
    { actions: appMeshActions, resources: meshArns(targets) },
    // Creates carry meshcd's tag; TagResource only marks a resource taken over, where a target adopts.
    { actions: ['appmesh:TagResource'], resources: meshArns(targets.filter((t) => t.policy.adopt)) },
    // ListMeshes has no resource-level permissions: AWS only accepts `*` for it.
    { actions: ['appmesh:ListMeshes'], resources: ['*'] },
    { actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'], resources: tableItems },
    // Inventory and leases by partition key; the targets through the byKind index.
    { actions: ['dynamodb:Query'], resources: tableResources },
    { actions: ['events:PutEvents'], resources: [bus.arn] },
    {
      actions: ['secretsmanager:GetSecretValue'],
      resources: credentialSecretArns(targets, 'GitCredentials', {
        partition,
        region: aws.getRegionOutput().region,
        account: aws.getCallerIdentityOutput().accountId,
      }),
    },
    { actions: ['eks:DescribeCluster'], resources: clusterArns(targets) },
    // Targets in other accounts: their roles' sessions make the calls there.
    { actions: ['sts:AssumeRole'], resources: targetRoleArns(targets) },
    // Cloud Map services and the instances that follow the pods of Cloud Map nodes.
    ...cloudMapPermissions(targets, 'sync-and-remove'),
    // VPC Lattice for Lattice targets: their manifests, and the pods that follow into target groups.
    ...latticePermissions(targets, 'reconcile'),
    deadLetterPermission,
    tracingPermission,
  ]),
  concurrency: { reserved: reservedConcurrency.reconcile },
  transform: { ...defaults.transform, eventInvokeConfig: failuresToDeadLetter },
});

const toSubscriberPattern = (pattern: { source: unknown; 'detail-type'?: unknown; detail?: unknown }) => ({
  source: pattern.source as string[],
  ...(pattern['detail-type'] ? { detailType: pattern['detail-type'] as string[] } : {}),
  ...(pattern.detail ? { detail: pattern.detail as Record<string, unknown> } : {}),
});

/** Pushes the webhook receiver publishes on meshcd's bus. */
export const gitPushSubscription = bus.subscribe('ReconcileGitPush', reconcileFunction.arn, {
  pattern: toSubscriberPattern(rulePatterns.gitPush),
  transform: { target: withRetryAndDeadLetter },
});

/** CodeCommit publishes reference changes on the account's default bus, not on meshcd's. */
const defaultBusArn = $interpolate`arn:${partition}:events:${aws.getRegionOutput().region}:${aws.getCallerIdentityOutput().accountId}:event-bus/default`;
export const codeCommitSubscription = sst.aws.Bus.subscribe(
  'ReconcileCodeCommit',
  defaultBusArn,
  reconcileFunction.arn,
  {
    pattern: toSubscriberPattern(rulePatterns.codeCommitPush),
    transform: { target: withRetryAndDeadLetter },
  },
);

export { toSubscriberPattern };
