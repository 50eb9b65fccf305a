import { describe, expect, it } from 'vitest';
import { type BusEvent, LocalBus } from './local-bus.ts';

const entry = (source: string, detailType: string, detail: object = {}) => ({
  Source: source,
  DetailType: detailType,
  Detail: JSON.stringify(detail),
});

describe('LocalBus', () => {
  it('routes each event only to the rules whose pattern matches, after PutEvents returns', async () => {
    const bus = new LocalBus();
    const seen: string[] = [];
    bus.subscribe('pushes', { source: ['meshcd.git'], 'detail-type': ['Git Push'] }, async (e) => {
      seen.push(`pushes:${(e.detail as { n: number }).n}`);
    });
    bus.subscribe('cluster', { source: ['meshcd.cluster'] }, async () => {
      seen.push('cluster');
    });
    const out = await bus.send({
      input: { Entries: [entry('meshcd.git', 'Git Push', { n: 1 }), entry('other', 'X')] },
    });
    expect(out.FailedEntryCount).toBe(0);
    expect(seen).toEqual([]);
    await bus.drain();
    expect(seen).toEqual(['pushes:1']);
  });

  it('retries a failing target and dead-letters the event after the last attempt', async () => {
    const bus = new LocalBus({ maxAttempts: 3 });
    let calls = 0;
    bus.subscribe('flaky', { source: ['s'] }, async () => {
      calls++;
      throw new Error('boom');
    });
    bus.put(entry('s', 'd'));
    await bus.drain();
    expect(calls).toBe(3);
    expect(bus.deadLetters).toMatchObject([{ rule: 'flaky', error: 'boom', attempts: 3 }]);
  });

  it('drains deliveries caused by other deliveries', async () => {
    const bus = new LocalBus();
    const order: string[] = [];
    bus.subscribe('first', { source: ['a'] }, async () => {
      order.push('a');
      bus.put(entry('b', 'next'));
    });
    bus.subscribe('second', { source: ['b'] }, async (e: BusEvent) => {
      order.push(e.source);
    });
    bus.put(entry('a', 'start'));
    await bus.drain();
    expect(order).toEqual(['a', 'b']);
  });
});

describe('startEventBus', () => {
  it('accepts PutEvents from the real EventBridge client and routes the events', async () => {
    const { EventBridgeClient, PutEventsCommand } = await import('@aws-sdk/client-eventbridge');
    const { startEventBus } = await import('./start-event-bus.ts');
    const handle = await startEventBus();
    try {
      const got: BusEvent[] = [];
      handle.bus.subscribe('all', { source: ['meshcd.git'] }, async (e) => {
        got.push(e);
      });
      const client = new EventBridgeClient({
        endpoint: handle.endpoint,
        region: 'us-west-2',
        credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
      });
      const out = await client.send(
        new PutEventsCommand({
          Entries: [{ Source: 'meshcd.git', DetailType: 'Git Push', Detail: '{"n":1}', EventBusName: 'b' }],
        }),
      );
      expect(out.FailedEntryCount).toBe(0);
      await handle.bus.drain();
      expect(got.map((e) => [e.source, e['detail-type'], e.detail])).toEqual([
        ['meshcd.git', 'Git Push', { n: 1 }],
      ]);
      expect(out.Entries?.[0]?.EventId).toBe(got[0]!.id);
    } finally {
      await handle.close();
    }
  });
});
