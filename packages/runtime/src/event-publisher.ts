import { PutEventsCommand, type PutEventsCommandOutput } from '@aws-sdk/client-eventbridge';
import { MeshcdError } from '@meshcd/core';
import type { PutEventsEntry } from '@meshcd/events';

/** Anything with the EventBridge client's `send`: the real client, a local bus, a test double. */
export interface EventBridgeSender {
  send(command: PutEventsCommand): Promise<Pick<PutEventsCommandOutput, 'FailedEntryCount' | 'Entries'>>;
}

/** Publishes entries to meshcd's bus. */
export interface EventPublisher {
  publish(entries: readonly Omit<PutEventsEntry, 'EventBusName'>[]): Promise<void>;
}

/** PutEvents takes at most 10 entries per call. */
const maxEntriesPerCall = 10;

/**
 * PutEvents on `busName`. PutEvents answers 200 even when entries fail, so failed entries are checked
 * and turned into a retryable error: EventBridge's own faults (throttling, internal) pass on retry.
 */
export function createEventPublisher(sender: EventBridgeSender, busName: string): EventPublisher {
  return {
    async publish(entries) {
      for (let i = 0; i < entries.length; i += maxEntriesPerCall) {
        const batch = entries.slice(i, i + maxEntriesPerCall).map((e) => ({ ...e, EventBusName: busName }));
        const output = await sender.send(new PutEventsCommand({ Entries: batch }));
        if ((output.FailedEntryCount ?? 0) > 0) {
          const failures = (output.Entries ?? [])
            .filter((e) => e.ErrorCode)
            .map((e) => `${e.ErrorCode}: ${e.ErrorMessage ?? ''}`.trim());
          throw new MeshcdError({
            phase: 'report',
            reason: 'put-events-failed',
            retryable: true,
            message: `PutEvents to ${busName}: ${output.FailedEntryCount} of ${batch.length} entries failed (${failures.join('; ')})`,
          });
        }
      }
    },
  };
}
