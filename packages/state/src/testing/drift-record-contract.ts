import type { DriftItem, DriftRecord } from '@meshcd/core';
import { describe, expect, it } from 'vitest';
import type { ContractStore } from './state-store-contract.ts';

const item = (key: string, state: DriftItem['state']): DriftItem => ({
  key,
  provider: 'appmesh',
  kind: 'VirtualNode',
  name: key.split('/').at(-1)!,
  meshName: 'm',
  state,
  ...(state === 'Modified'
    ? {
        reason: 'spec-changed',
        differences: [{ path: 'spec.listeners[0].portMapping.port', expected: 8080, actual: 9090 }],
      }
    : {}),
});

export const driftRecord = (
  targetId: string,
  runId: string,
  detectedAt: string,
  items: DriftItem[] = [],
): DriftRecord => ({
  targetId,
  runId,
  detectedAt,
  revision: 'abc123',
  scope: 'full',
  summary: {
    total: items.length,
    counts: { InSync: 0, Modified: 0, Missing: 0, Unmanaged: 0, Unknown: 0 },
    managed: items.length,
    coverage: 1,
    inSyncRatio: 1,
  },
  items,
  quotas: [],
  driftFingerprint: `fp-${runId}`,
});

/** Drift history and the latest report, as every StateStore must keep them. */
export function driftRecordContract(
  name: string,
  makeStore: () => Promise<ContractStore>,
  options: { rawItems?: boolean } = {},
): void {
  describe(`StateStore drift records: ${name}`, () => {
    it('has no last drift report for a target never checked', async () => {
      const { store } = await makeStore();
      expect(await store.getLastDriftReport('never')).toBeUndefined();
      expect(await store.listDriftHistory('never')).toEqual([]);
    });

    it('round-trips a drift report exactly and makes the last one written the latest', async () => {
      const { store } = await makeStore();
      const first = driftRecord('t1', 'r1', '2026-03-01T09:00:00.000Z', [
        item('appmesh:m/VirtualNode/a', 'InSync'),
      ]);
      const second = driftRecord('t1', 'r2', '2026-03-01T10:00:00.000Z', [
        item('appmesh:m/VirtualNode/a', 'Modified'),
        item('appmesh:m/VirtualNode/b', 'Missing'),
      ]);
      await store.putDriftReport(first);
      await store.putDriftReport(second);
      expect(await store.getLastDriftReport('t1')).toEqual(second);
      expect(await store.getLastDriftReport('t2')).toBeUndefined();
    });

    it('lists drift history newest first, honours the limit and keeps targets apart', async () => {
      const { store } = await makeStore();
      await store.putDriftReport(driftRecord('t1', 'r2', '2026-03-01T10:00:00.000Z'));
      await store.putDriftReport(driftRecord('t1', 'r1', '2026-03-01T09:00:00.000Z'));
      await store.putDriftReport(driftRecord('t1', 'r3', '2026-03-02T08:00:00.000Z'));
      await store.putDriftReport(driftRecord('t2', 'x', '2026-03-05T08:00:00.000Z'));
      expect((await store.listDriftHistory('t1')).map((r) => r.runId)).toEqual(['r3', 'r2', 'r1']);
      expect((await store.listDriftHistory('t1', 2)).map((r) => r.runId)).toEqual(['r3', 'r2']);
      // The latest report is not part of the history listing a second time.
      expect(await store.listDriftHistory('t2')).toHaveLength(1);
    });

    it('keeps a report of a thousand modified resources (far beyond 400 KB of JSON)', async () => {
      const { store } = await makeStore();
      const items = Array.from({ length: 1000 }, (_, i) => ({
        ...item(`appmesh:m/VirtualNode/node-${String(i).padStart(4, '0')}`, 'Modified'),
        differences: [{ path: 'spec.listeners', expected: [{ port: i, text: 'x'.repeat(300) }], actual: [] }],
      }));
      const big = driftRecord('big', 'r1', '2026-03-01T09:00:00.000Z', items);
      expect(JSON.stringify(big).length).toBeGreaterThan(400_000);
      await store.putDriftReport(big);
      expect(await store.getLastDriftReport('big')).toEqual(big);
    });

    if (options.rawItems) {
      it('expires drift history by TTL but never the latest report', async () => {
        const { store, rawItem } = await makeStore();
        const record = driftRecord('t1', 'r1', '2026-03-01T09:00:00.000Z');
        await store.putDriftReport(record);
        const history = await rawItem!('TARGET#t1', 'DRIFT#2026-03-01T09:00:00.000Z#r1');
        expect(history?.expiresAt).toBe(Date.parse(record.detectedAt) / 1000 + 90 * 86_400);
        const latest = await rawItem!('TARGET#t1', 'DRIFT#LATEST');
        expect(latest).toMatchObject({ runId: 'r1', driftFingerprint: 'fp-r1' });
        expect(latest).not.toHaveProperty('expiresAt');
      });
    }
  });
}
