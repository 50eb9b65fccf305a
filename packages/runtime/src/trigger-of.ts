import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { normalizeEvent, type TriggerEvent } from '@meshcd/events';
import type { LambdaKit } from './lambda-kit.ts';
import { reportOrThrow } from './report-or-throw.ts';

/**
 * The trigger an inbound event carries. A malformed event is reported, counted and answered with
 * undefined (retrying it cannot help); anything transient is thrown so the platform retries.
 */
export function triggerOf(
  event: unknown,
  { logger, metrics }: Pick<LambdaKit, 'logger' | 'metrics'>,
): TriggerEvent | undefined {
  try {
    return normalizeEvent(event);
  } catch (error) {
    reportOrThrow(error, logger);
    metrics.addMetric('event-rejected', MetricUnit.Count, 1);
    return undefined;
  }
}
