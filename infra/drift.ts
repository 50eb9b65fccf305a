import { appMeshApiCallPatternExcluding, detailTypes, eventSources, schemaVersion } from '@meshcd/events';
import { bus } from './bus';
import { appMeshRateEnvironment, reservedConcurrency } from './concurrency';
import { deadLetters, failuresToDeadLetter, targetRetryPolicy, withRetryAndDeadLetter } from './dead-letters';
import { deadLetterPermission, functionDefaults, tableItems, tableResources } from './function-defaults';
import {
  appMeshQuotaArns,
  cloudMapPermissions,
  clusterArns,
  meshArns,
  nonEmpty,
  partition,
  selfHealMeshArns,
  targetRoleArns,
  tracingPermission,
} from './iam';
import { latticePermissions } from './lattice-permissions';
import { reconcileFunction, toSubscriberPattern } from './reconciler';
import { targets } from './targets';
import { clusterNetwork } from './vpc';

/** How often every target is checked; `MESHCD_DRIFT_SCHEDULE` at deploy time (rate or cron expression). */
const driftSchedule = (process.env.MESHCD_DRIFT_SCHEDULE ?? 'rate(15 minutes)') as `rate(${string})`;
if (!/^(rate|cron)\(.+\)$/.test(driftSchedule)) {
  throw new Error(`MESHCD_DRIFT_SCHEDULE: '${driftSchedule}' is not a rate(...) or cron(...) expression`);
}

const account = aws.getCallerIdentityOutput().accountId;
const region = aws.getRegionOutput().region;
const defaults = functionDefaults('meshcd-detect-drift');

/**
 * Drift and quotas. Reads App Mesh in the targets' meshes, Service Quotas, and the table; publishes what
 * changed. It writes App Mesh only for targets whose policy enables self-heal (none: no write action).
 */
export const detectDriftFunction = new sst.aws.Function('DetectDrift', {
  ...defaults,
  ...clusterNetwork,
  handler: 'functions/detect-drift.handler',
  timeout: '5 minutes',
  memory: '1024 MB',
  retries: 2,
  environment: { ...defaults.environment, ...appMeshRateEnvironment },
  concurrency: { reserved: reservedConcurrency.detectDrift },
  permissions: nonEmpty([
    {
      actions: ['appmesh:List*', 'appmesh:Describe*', 'appmesh:ListTagsForResource'],
      resources: meshArns(targets),
    },
    // ListMeshes has no resource-level permissions: AWS only accepts `*` for it.
    { actions: ['appmesh:ListMeshes'], resources: ['*'] },
    // Self-heal re-creates deleted resources with their ownership tags (on the create) and restores changed specs.
    {
      actions: ['appmesh:Create*', 'appmesh:Update*'],
      resources: selfHealMeshArns(targets),
    },
    // Healing re-applies the target's plan: where the target also adopts, a resource taken over is tagged.
    {
      actions: ['appmesh:TagResource'],
      resources: selfHealMeshArns(targets.filter((t) => t.policy.adopt)),
    },
    // A full check reads the targets' clusters too: endpoint and CA come from DescribeCluster.
    { actions: ['eks:DescribeCluster'], resources: clusterArns(targets) },
    // Targets in other accounts: their roles' sessions make the calls there.
    { actions: ['sts:AssumeRole'], resources: targetRoleArns(targets) },
    { actions: ['servicequotas:GetServiceQuota'], resources: appMeshQuotaArns(targets, account) },
    { actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], resources: tableItems },
    // Inventory and leases by partition key; the targets through the byKind index.
    { actions: ['dynamodb:Query'], resources: tableResources },
    { actions: ['events:PutEvents'], resources: [bus.arn] },
    // Cloud Map services and the instances that follow the pods of Cloud Map nodes.
    ...cloudMapPermissions(targets, 'sync'),
    // Lattice targets: observed and classified, their target groups resynced with the pods, healed on opt-in.
    ...latticePermissions(targets, 'drift'),
    deadLetterPermission,
    tracingPermission,
  ]),
  transform: {
    ...defaults.transform,
    function: (args: aws.lambda.FunctionArgs): undefined => {
      defaults.transform.function(args);
      // The roles whose CloudTrail calls are meshcd's own: the reconciler's, and this function's healing.
      // Its own role ARN is only known here, where the function's arguments refer to it.
      args.environment = $resolve({
        environment: $output(args.environment),
        own: $output(args.role),
        reconciler: reconcileFunction.nodes.role.arn,
      }).apply(({ environment, own, reconciler }) => ({
        variables: { ...environment?.variables, MESHCD_OWN_ROLE_ARNS: JSON.stringify([reconciler, own]) },
      }));
      return undefined;
    },
    eventInvokeConfig: failuresToDeadLetter,
  },
});

/**
 * EventBridge Scheduler runs a full check of every target. The input is a `Scheduled Check` event as the
 * bus would deliver it, with the scheduler's execution id and time filled in, so one normaliser reads it.
 */
export const driftCheckSchedule = new sst.aws.CronV2('DriftCheck', {
  function: detectDriftFunction,
  schedule: driftSchedule,
  retries: targetRetryPolicy.maximumRetryAttempts,
  dlq: deadLetters.arn,
  event: {
    version: '0',
    id: '<aws.scheduler.execution-id>',
    'detail-type': detailTypes.scheduledCheck,
    source: eventSources.scheduler,
    account,
    time: '<aws.scheduler.scheduled-time>',
    region,
    resources: ['<aws.scheduler.schedule-arn>'],
    detail: { schemaVersion, check: 'drift', scheduleName: 'DriftCheck' },
  },
  transform: {
    // A drift check older than an hour is worth less than the next scheduled one.
    schedule: (args) => {
      args.target = $output(args.target).apply((target) => ({
        ...target,
        retryPolicy: { ...target.retryPolicy, ...targetRetryPolicy },
      }));
    },
  },
});

/**
 * CloudTrail delivers App Mesh API calls on the default bus of the account, in the region of the call,
 * and only when a trail records management events there (see the README). The reconciler's own writes
 * are left out by the pattern; everyone else's trigger a targeted check of the resource they touched.
 * Calls in the targets' other regions are forwarded to this bus (infra/app-mesh-call-forwarding.ts).
 */
export const homeDefaultBusArn = $interpolate`arn:${partition}:events:${region}:${account}:event-bus/default`;
export const appMeshCallPattern = $resolve([account, reconcileFunction.nodes.role.name]).apply(
  ([accountId, roleName]) => appMeshApiCallPatternExcluding(accountId, roleName),
);
export const appMeshCallSubscription = sst.aws.Bus.subscribe(
  'DetectDriftAppMeshCall',
  homeDefaultBusArn,
  detectDriftFunction.arn,
  {
    pattern: appMeshCallPattern.apply((pattern) =>
      toSubscriberPattern(pattern as Parameters<typeof toSubscriberPattern>[0]),
    ),
    transform: { target: withRetryAndDeadLetter },
  },
);
