import { randomUUID } from 'node:crypto';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import {
  handleDriftEvent,
  type KitHandler,
  lambdaHandler,
  serviceQuotasFor,
  triggerOf,
} from '@meshcd/runtime';
import type { EventBridgeEvent } from 'aws-lambda';

/**
 * Drift and quotas: EventBridge Scheduler's `Scheduled Check` (a full check of one or every target, and
 * the sweep of stuck leases) and CloudTrail's App Mesh writes by anyone but meshcd (a targeted check of
 * the touched resource). Malformed events are reported, not retried; transient faults are thrown so the
 * scheduler or the rule retries and finally dead-letters the event.
 */
export const detectDriftEvent: KitHandler<EventBridgeEvent<string, unknown>, void> = async (
  event,
  { config, ports, logger, metrics },
  context,
) => {
  const trigger = triggerOf(event, { logger, metrics });
  if (trigger?.type !== 'schedule' && trigger?.type !== 'appmesh-api-call') {
    logger.info('event asks for no drift check', { source: event.source, detailType: event['detail-type'] });
    return;
  }
  const result = await handleDriftEvent(trigger, await ports.targets(), {
    ...ports,
    quotaLimitsFor: serviceQuotasFor(
      config,
      (quota, error) => logger.warn('quota limit falls back to its default', { quota, error: String(error) }),
      ports.credentialsOf,
    ),
    ownRoleArns: config.ownRoleArns,
    logger,
    newRunId: randomUUID,
    now: Date.now,
    requestId: context.awsRequestId,
    leaseTtlMs: config.leaseTtlMs,
  });
  if (result.skipped) metrics.addMetric(`drift-skipped-${result.skipped}`, MetricUnit.Count, 1);
  for (const check of result.checks) {
    metrics.addMetric(check.error ? 'drift-check-failed' : 'drift-checked', MetricUnit.Count, 1);
    for (const emitted of check.emitted)
      metrics.addMetric(emitted.toLowerCase().replaceAll(' ', '-'), MetricUnit.Count, 1);
    if (check.healed) metrics.addMetric('drift-healed', MetricUnit.Count, 1);
    if (check.swept) metrics.addMetric('lease-swept', MetricUnit.Count, 1);
  }
};

export const handler = lambdaHandler(detectDriftEvent);
