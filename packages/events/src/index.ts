export { type EventErrorReason, eventError } from './event-error.ts';
export { detailTypes, eventSources, schemaVersion } from './event-names.ts';
export {
  type EventPattern,
  matchesPattern,
  type PatternMatcher,
  type PatternScalar,
} from './event-pattern.ts';
export { cloudTrailAppMeshSchema, normalizeCloudTrailAppMesh } from './inbound/cloudtrail-appmesh.ts';
export {
  codeCommitStateChangeSchema,
  normalizeCodeCommitStateChange,
} from './inbound/codecommit-state-change.ts';
export { type EventBridgeEnvelope, eventBridgeEnvelopeSchema } from './inbound/eventbridge-envelope.ts';
export {
  type GitPushDetail,
  gitPushDetailSchema,
  gitPushTriggerOf,
  toGitPushDetail,
} from './inbound/git-push-detail.ts';
export {
  groupOf,
  kubernetesEventExporterSchema,
  normalizeKubernetesEvent,
} from './inbound/kubernetes-event-exporter.ts';
export {
  type KubernetesObjectChangedDetail,
  kubernetesObjectChangedSchema,
  normalizeKubernetesObjectChanged,
} from './inbound/kubernetes-object-changed.ts';
export {
  normalizeScheduledCheck,
  normalizeScheduledEvent,
  type ScheduledCheckDetail,
  scheduledCheckSchema,
} from './inbound/scheduled-check.ts';
export { normalizeEvent } from './normalize-event.ts';
export { type DriftDetectedDetail, driftDetectedSchema, driftStates } from './outbound/drift-detected.ts';
export {
  type OutboundDetail,
  type OutboundDetailType,
  outboundEntry,
  type PutEventsEntry,
} from './outbound/outbound-entry.ts';
export {
  type QuotaThresholdReachedDetail,
  quotaThresholdReachedSchema,
} from './outbound/quota-threshold-reached.ts';
export {
  actionSummarySchema,
  outcomeErrorSchema,
  type PlanAction,
  planActions,
  type ReconcileFailedDetail,
  type ReconcileSucceededDetail,
  reconcileFailedSchema,
  reconcileSucceededSchema,
} from './outbound/reconcile-outcome.ts';
export { appMeshApiCallPatternExcluding, type RulePatternName, rulePatterns } from './rule-patterns.ts';
export type * from './trigger-event.ts';
export {
  defaultDropOrder,
  maxEntryBytes,
  putEventsEntrySize,
  type Trimmed,
  type TrimOptions,
  trimToEntrySize,
} from './trim-to-entry-size.ts';
export { type GitHubPush, gitHubPushSchema, normalizeGitHubPush } from './webhooks/github-push.ts';
export { type GitLabPush, gitLabPushSchema, normalizeGitLabPush } from './webhooks/gitlab-push.ts';
export { type ParsedWebhook, parseWebhook, type WebhookRequest } from './webhooks/parse-webhook.ts';
export { signGitHubBody, verifyGitHubSignature } from './webhooks/verify-github-signature.ts';
export { verifyGitLabToken } from './webhooks/verify-gitlab-token.ts';
