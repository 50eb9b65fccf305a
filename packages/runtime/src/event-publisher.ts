import { PutEventsCommand, type PutEventsCommandOutput } from '@aws-sdk/client-eventbridge';
import { MeshcdError } from '@meshcd/core';
import { maxEntryBytes, type PutEventsEntry, putEventsEntrySize } from '@meshcd/events';

/** Anything with the EventBridge client's `send`: the real client, a local bus, a test double. */
export interface EventBridgeSender {
  send(command: PutEventsCommand): Promise<Pick<PutEventsCommandOutput, 'FailedEntryCount' | 'Entries'>>;
}

/** Publishes entries to meshcd's bus. */
export interface EventPublisher {
  publish(entries: readonly Omit<PutEventsEntry, 'EventBusName'>[]): Promise<void>;
}

/** PutEvents takes at most 10 entries per call, and at most 256 KB for all of them together. */
const maxEntriesPerCall = 10;
const maxRequestBytes = maxEntryBytes;

const entrySize = (e: Omit<PutEventsEntry, 'EventBusName'>) =>
  putEventsEntrySize({
    source: e.Source,
    detailType: e.DetailType,
    detail: e.Detail,
    ...(e.Resources ? { resources: e.Resources } : {}),
  });

/**
 * Entries in order, cut into requests of at most 10 entries and 256 KB. An entry that cannot fit any
 * request is refused before anything is sent: EventBridge would reject the whole request.
 */
function batches<E extends Omit<PutEventsEntry, 'EventBusName'>>(entries: readonly E[]): E[][] {
  const result: E[][] = [];
  let current: E[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = entrySize(entry);
    if (size > maxRequestBytes) {
      throw new MeshcdError({
        phase: 'report',
        reason: 'entry-too-large',
        message: `${entry.Source} / ${entry.DetailType} entry is ${size} bytes, over the ${maxRequestBytes}-byte PutEvents limit`,
      });
    }
    if (current.length === maxEntriesPerCall || bytes + size > maxRequestBytes) {
      result.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += size;
  }
  if (current.length > 0) result.push(current);
  return result;
}

/**
 * PutEvents on `busName`. PutEvents answers 200 even when entries fail, so failed entries are checked
 * and turned into a retryable error: EventBridge's own faults (throttling, internal) pass on retry.
 */
export function createEventPublisher(sender: EventBridgeSender, busName: string): EventPublisher {
  return {
    async publish(entries) {
      for (const entriesOfCall of batches(entries)) {
        const batch = entriesOfCall.map((e) => ({ ...e, EventBusName: busName }));
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
