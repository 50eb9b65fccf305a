import type { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { putEventsEntrySize } from '@meshcd/events';
import { describe, expect, it } from 'vitest';
import { createEventPublisher } from './event-publisher.ts';

/** Records each PutEvents request and answers that every entry was accepted. */
function recordingSender() {
  const requests: PutEventsCommand['input'][] = [];
  return {
    requests,
    send: async (command: PutEventsCommand) => {
      requests.push(command.input);
      return { FailedEntryCount: 0, Entries: (command.input.Entries ?? []).map(() => ({ EventId: 'id' })) };
    },
  };
}

const entry = (kilobytes: number) => ({
  Source: 'meshcd.reconciler',
  DetailType: 'Drift Detected',
  Detail: JSON.stringify({ pad: 'x'.repeat(kilobytes * 1024) }),
});
const requestBytes = (input: PutEventsCommand['input']) =>
  (input.Entries ?? []).reduce(
    (sum, e) => sum + putEventsEntrySize({ source: e.Source!, detailType: e.DetailType!, detail: e.Detail! }),
    0,
  );

describe('createEventPublisher', () => {
  it('keeps every PutEvents request under 256 KB in total, not just under 10 entries', async () => {
    const sender = recordingSender();
    await createEventPublisher(sender, 'bus').publish([entry(100), entry(100), entry(100), entry(10)]);
    expect(sender.requests.map((r) => r.Entries?.length)).toEqual([2, 2]);
    for (const request of sender.requests) expect(requestBytes(request)).toBeLessThanOrEqual(256 * 1024);
  });

  it('sends at most 10 small entries per request, in order, on the bus', async () => {
    const sender = recordingSender();
    const entries = Array.from({ length: 23 }, (_, i) => ({ ...entry(0), Detail: `{"n":${i}}` }));
    await createEventPublisher(sender, 'bus').publish(entries);
    expect(sender.requests.map((r) => r.Entries?.length)).toEqual([10, 10, 3]);
    expect(sender.requests.flatMap((r) => r.Entries?.map((e) => e.Detail))).toEqual(
      entries.map((e) => e.Detail),
    );
    expect(sender.requests.every((r) => r.Entries?.every((e) => e.EventBusName === 'bus'))).toBe(true);
  });

  it('refuses an entry over 256 KB before sending anything', async () => {
    const sender = recordingSender();
    await expect(createEventPublisher(sender, 'bus').publish([entry(1), entry(300)])).rejects.toMatchObject({
      reason: 'entry-too-large',
      retryable: false,
    });
    expect(sender.requests).toEqual([]);
  });
});
