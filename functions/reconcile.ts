import { randomUUID } from 'node:crypto';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { handleGitPush, type KitHandler, lambdaHandler, triggerOf } from '@meshcd/runtime';
import type { EventBridgeEvent } from 'aws-lambda';

/**
 * Reconciler: a `Git Push` (or CodeCommit reference change) from the bus reconciles every target that
 * follows the pushed repository and branch. Malformed events are reported, not retried; transient
 * faults are thrown so EventBridge retries and finally dead-letters the event.
 */
export const reconcileEvent: KitHandler<EventBridgeEvent<string, unknown>, void> = async (
  event,
  { config, ports, logger, metrics },
  context,
) => {
  const trigger = triggerOf(event, { logger, metrics });
  if (trigger?.type !== 'git-push') {
    logger.info('event asks for no reconcile', { source: event.source, detailType: event['detail-type'] });
    return;
  }
  const invocation = { eventId: event.id, requestId: context.awsRequestId };
  const results = await handleGitPush(trigger, invocation, await ports.targets(), {
    ...ports,
    logger,
    newRunId: randomUUID,
    now: Date.now,
    remainingMs: () => context.getRemainingTimeInMillis(),
    reserveMs: config.reserveMs,
    leaseTtlMs: config.leaseTtlMs,
  });
  for (const result of results) {
    metrics.addMetric(`reconcile-${result.status}`, MetricUnit.Count, 1);
    logger.info('target handled', { ...result });
  }
};

export const handler = lambdaHandler(reconcileEvent);
