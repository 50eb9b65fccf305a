import type { z } from 'zod';
import { parsePayload } from '../event-error.ts';
import { detailTypes, eventSources } from '../event-names.ts';
import { type DriftDetectedDetail, driftDetectedSchema } from './drift-detected.ts';
import { fitDriftDetected } from './fit-drift-detected.ts';
import { quotaThresholdReachedSchema } from './quota-threshold-reached.ts';
import { reconcileFailedSchema, reconcileSucceededSchema } from './reconcile-outcome.ts';

const outboundSchemas = {
  [detailTypes.reconcileSucceeded]: reconcileSucceededSchema,
  [detailTypes.reconcileFailed]: reconcileFailedSchema,
  [detailTypes.driftDetected]: driftDetectedSchema,
  [detailTypes.quotaThresholdReached]: quotaThresholdReachedSchema,
} as const;

export type OutboundDetailType = keyof typeof outboundSchemas;
export type OutboundDetail<T extends OutboundDetailType> = z.input<(typeof outboundSchemas)[T]>;

/** A PutEvents entry as the EventBridge client takes it. */
export interface PutEventsEntry {
  Source: string;
  DetailType: string;
  Detail: string;
  EventBusName?: string;
  Resources?: string[];
}

/**
 * Validates an outbound detail against its schema and wraps it as a PutEvents entry, so meshcd never
 * publishes a detail its own consumers would reject.
 */
export function outboundEntry<T extends OutboundDetailType>(
  detailType: T,
  detail: OutboundDetail<T>,
  eventBusName?: string,
): PutEventsEntry {
  const parsed = parsePayload(outboundSchemas[detailType], detail, `outbound ${detailType}`);
  // Drift details grow with the differences found; they are trimmed to one entry like webhook details.
  const valid =
    detailType === detailTypes.driftDetected ? fitDriftDetected(parsed as DriftDetectedDetail) : parsed;
  return {
    Source: eventSources.reconciler,
    DetailType: detailType,
    Detail: JSON.stringify(valid),
    ...(eventBusName ? { EventBusName: eventBusName } : {}),
  };
}
