export { ConfigError } from './config-error.ts';
export { createPorts, type PortOverrides, type Ports } from './create-ports.ts';
export { createEventPublisher, type EventBridgeSender, type EventPublisher } from './event-publisher.ts';
export {
  type ClusterEventDeps,
  type ClusterEventOutcome,
  type ClusterEventResult,
  handleClusterEvent,
} from './handle-cluster-event.ts';
export {
  type DriftEventResult,
  type HandleDriftEventDeps,
  handleDriftEvent,
  type TargetDriftCheck,
} from './handle-drift-event.ts';
export { serviceQuotasFor } from './handle-drift-event-quota-limits.ts';
export {
  type DriftEventScope,
  type DriftEventSkip,
  driftEventScope,
  isOwnCall,
} from './handle-drift-event-scope.ts';
export { stuckRevision } from './handle-drift-event-sweep.ts';
export { handleGitPush, type Invocation } from './handle-git-push.ts';
export {
  type IngestWebhookDeps,
  ingestWebhook,
  type WebhookHttpRequest,
  type WebhookResponse,
  type WebhookStatus,
} from './ingest-webhook.ts';
export { type KitHandler, lambdaHandler } from './lambda-handler.ts';
export { defaultLambdaKit, type LambdaKit } from './lambda-kit.ts';
export { lazyTracing } from './lazy-tracing.ts';
export { errorOutcomeEntry, outcomeEntry } from './outcome-entries.ts';
export {
  continuationPrefix,
  type ReconcileTargetDeps,
  type ReconcileTargetResult,
  type ReconcileTargetStatus,
  reconcileTarget,
} from './reconcile-target.ts';
export { type ErrorLogger, type ReportedError, reportOrThrow } from './report-or-throw.ts';
export { parseRuntimeConfig, type RuntimeConfig, runtimeConfig } from './runtime-config.ts';
export { foreignTargetsWithoutRole, targetSchema, targetsSchema } from './target-schema.ts';
export { repositoryKey, targetsForPush, untrackedReason } from './targets-for-push.ts';
export { triggerOf } from './trigger-of.ts';
