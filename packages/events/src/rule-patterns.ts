import { detailTypes, eventSources } from './event-names.ts';
import type { EventPattern } from './event-pattern.ts';

/**
 * The EventBridge rule patterns meshcd subscribes with. infra/ creates rules from these objects and the
 * local bus routes with matchesPattern over the same objects, so both see the same events.
 */
export const rulePatterns = {
  /** Pushes normalised by the webhook receiver. */
  gitPush: { source: [eventSources.git], 'detail-type': [detailTypes.gitPush] },
  /** Branch creations and updates in CodeCommit (deletions and pull-request events are not work). */
  codeCommitPush: {
    source: [eventSources.codecommit],
    'detail-type': [detailTypes.codecommitStateChange],
    detail: { event: ['referenceCreated', 'referenceUpdated'], referenceType: ['branch'] },
  },
  clusterObjectChanged: {
    source: [eventSources.cluster],
    'detail-type': [detailTypes.kubernetesObjectChanged],
  },
  /** kubernetes-event-exporter's EventBridge sink, configured with `source: kubernetes.<cluster>`. */
  kubernetesEventExporter: { source: [{ prefix: eventSources.kubernetesEventExporterPrefix }] },
  /** Successful App Mesh writes recorded by CloudTrail (reads and failed calls change nothing). */
  appMeshApiCall: {
    source: [eventSources.appmesh],
    'detail-type': [detailTypes.cloudTrailApiCall],
    detail: {
      eventSource: ['appmesh.amazonaws.com'],
      eventName: [
        { prefix: 'Create' },
        { prefix: 'Update' },
        { prefix: 'Delete' },
        'TagResource',
        'UntagResource',
      ],
      errorCode: [{ exists: false }],
    },
  },
  scheduledCheck: { source: [eventSources.scheduler], 'detail-type': [detailTypes.scheduledCheck] },
  reconcileOutcome: {
    source: [eventSources.reconciler],
    'detail-type': [detailTypes.reconcileSucceeded, detailTypes.reconcileFailed],
  },
  driftDetected: { source: [eventSources.reconciler], 'detail-type': [detailTypes.driftDetected] },
  quotaThresholdReached: {
    source: [eventSources.reconciler],
    'detail-type': [detailTypes.quotaThresholdReached],
  },
} as const satisfies Record<string, EventPattern>;

export type RulePatternName = keyof typeof rulePatterns;

/**
 * The App Mesh CloudTrail pattern minus meshcd's own writes: calls made by sessions of `roleName`
 * (`arn:aws:sts::<account>:assumed-role/<roleName>/<session>`) are not out-of-band edits.
 */
export function appMeshApiCallPatternExcluding(accountId: string, roleName: string): EventPattern {
  return {
    ...rulePatterns.appMeshApiCall,
    detail: {
      ...rulePatterns.appMeshApiCall.detail,
      userIdentity: {
        arn: [{ 'anything-but': { prefix: `arn:aws:sts::${accountId}:assumed-role/${roleName}/` } }],
      },
    },
  };
}
