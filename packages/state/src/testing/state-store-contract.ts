import { randomBytes } from 'node:crypto';
import { defaultTargetPolicy, type Target } from '@meshcd/core';
import { describe, expect, it } from 'vitest';
import { type ContractStore, entry, HOUR, kubeEntry, req, run } from './contract-fixtures.ts';
import { leaseContract } from './lease-contract.ts';

export type { ContractStore } from './contract-fixtures.ts';

/** The behaviour every StateStore must show, run against each implementation. */
export function stateStoreContract(
  name: string,
  makeStore: () => Promise<ContractStore>,
  options: { rawItems?: boolean } = {},
): void {
  describe(`StateStore contract: ${name}`, () => {
    // Table layout checks need the raw items, so only DynamoDB-backed stores run them.
    if (options.rawItems) {
      it('stamps run records with an expiresAt TTL of finish time plus retention', async () => {
        const { store, rawItem } = await makeStore();
        const record = run('t1', 'r1', '2026-03-01T09:00:00.000Z');
        await store.recordRun(record);
        const item = await rawItem!('TARGET#t1', 'RUN#2026-03-01T09:00:00.000Z#r1');
        expect(item?.expiresAt).toBe(Date.parse(record.finishedAt) / 1000 + 90 * 86_400);
      });

      it('keeps the lease item out of TTL expiry', async () => {
        const { store, rawItem } = await makeStore();
        await store.acquireLease('t1', 'a', req(1), 1_000, HOUR);
        const item = await rawItem!('TARGET#t1', 'LEASE');
        expect(item).toMatchObject({ holder: 'a', leaseExpiresAt: 1_000 + HOUR });
        expect(item).not.toHaveProperty('expiresAt');
      });
    }

    it('stores, reads, replaces and deletes inventory entries', async () => {
      const { store } = await makeStore();
      await store.putInventory(entry('t1', 'appmesh:m/VirtualNode/a'));
      await store.putInventory(entry('t1', 'appmesh:m/VirtualNode/b'));
      await store.putInventory({ ...entry('t1', 'appmesh:m/VirtualNode/a'), version: 2, specHash: 'h2' });
      await store.putInventory(entry('t2', 'appmesh:m/VirtualNode/a'));

      expect(await store.getInventory('t1', 'appmesh:m/VirtualNode/a')).toMatchObject({
        version: 2,
        specHash: 'h2',
      });
      expect((await store.listInventory('t1')).map((e) => e.key)).toEqual([
        'appmesh:m/VirtualNode/a',
        'appmesh:m/VirtualNode/b',
      ]);
      await store.deleteInventory('t1', 'appmesh:m/VirtualNode/a');
      expect(await store.getInventory('t1', 'appmesh:m/VirtualNode/a')).toBeUndefined();
      expect((await store.listInventory('t1')).map((e) => e.key)).toEqual(['appmesh:m/VirtualNode/b']);
      expect(await store.listInventory('t2')).toHaveLength(1);
    });

    it('round-trips an inventory entry exactly, nested last-applied spec included', async () => {
      const { store } = await makeStore();
      const spec = {
        listeners: [{ portMapping: { port: 8080, protocol: 'http' } }],
        backends: [],
        empty: '',
      };
      const original = {
        ...kubeEntry('t1', 'kube:ns/apps/Deployment/web', 'apps/v1', spec),
        version: '4711',
        uid: 'u-1',
      };
      await store.putInventory(original);
      expect(await store.getInventory('t1', original.key)).toEqual(original);
    });

    it('stores a 1 MiB cluster object, beyond one item, compressible or not, and replaces and deletes it', async () => {
      const { store } = await makeStore();
      // Random base64 hardly compresses; a repeated text does. Both are legal ConfigMap data up to 1 MiB.
      const noise = randomBytes(768 * 1024)
        .toString('base64')
        .slice(0, 1_000_000);
      const configMap = (data: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', data: { blob: data } });
      const big = { ...kubeEntry('t1', 'kube:ns//ConfigMap/big', 'v1', configMap(noise)), uid: 'u-1' };
      const text = kubeEntry(
        't1',
        'kube:ns//ConfigMap/text',
        'v1',
        configMap('line of text\n'.repeat(80_000)),
      );
      await store.putInventory(big);
      await store.putInventory(text);
      expect(await store.getInventory('t1', big.key)).toEqual(big);
      expect(await store.listInventory('t1')).toEqual([big, text]);
      const replaced = { ...big, lastAppliedSpec: configMap(noise.slice(1)), specHash: 'h2' };
      await store.putInventory(replaced);
      expect(await store.listInventory('t1')).toEqual([replaced, text]);
      await store.deleteInventory('t1', big.key);
      await store.deleteInventory('t1', text.key);
      expect(await store.listInventory('t1')).toEqual([]);
    });

    it('lists every inventory entry of a target beyond 100 items and 1 MB of data', async () => {
      const { store } = await makeStore();
      const padding = 'x'.repeat(9_000);
      const keys = Array.from(
        { length: 130 },
        (_, i) => `appmesh:m/VirtualNode/node-${String(i).padStart(3, '0')}`,
      );
      for (let i = 0; i < keys.length; i += 10) {
        await Promise.all(
          keys.slice(i, i + 10).map((key) => store.putInventory(entry('big', key, { padding }))),
        );
      }
      const listed = await store.listInventory('big');
      expect(listed.map((e) => e.key)).toEqual(keys);
      expect(JSON.stringify(listed).length).toBeGreaterThan(1_048_576);
    });

    it('lists runs newest first and honours the limit', async () => {
      const { store } = await makeStore();
      await store.recordRun(run('t1', 'r2', '2026-03-01T10:00:00.000Z'));
      await store.recordRun(run('t1', 'r1', '2026-03-01T09:00:00.000Z'));
      await store.recordRun(run('t1', 'r3', '2026-03-02T08:00:00.000Z'));
      await store.recordRun(run('t2', 'other', '2026-03-05T08:00:00.000Z'));
      expect((await store.listRuns('t1')).map((r) => r.runId)).toEqual(['r3', 'r2', 'r1']);
      expect((await store.listRuns('t1', 2)).map((r) => r.runId)).toEqual(['r3', 'r2']);
      expect(await store.listRuns('t1')).toContainEqual(run('t1', 'r1', '2026-03-01T09:00:00.000Z'));
    });

    it('reports a delivery as new the first time, as a replay after that, and as new once expired', async () => {
      const { store } = await makeStore();
      const now = Date.parse('2026-03-01T10:00:00.000Z');
      expect(await store.markDelivery('d-1', now, 3600)).toBe(true);
      expect(await store.markDelivery('d-1', now + 1000, 3600)).toBe(false);
      expect(await store.markDelivery('d-2', now + 1000, 3600)).toBe(true);
      expect(await store.markDelivery('d-1', now + 3_601_000, 3600)).toBe(true);
      expect(await store.markDelivery('d-1', now + 3_602_000, 3600)).toBe(false);
    });

    it('tells whether a delivery was recorded, without recording it', async () => {
      const { store } = await makeStore();
      const now = Date.parse('2026-03-01T10:00:00.000Z');
      expect(await store.seenDelivery('s-1', now)).toBe(false);
      expect(await store.seenDelivery('s-1', now)).toBe(false);
      expect(await store.markDelivery('s-1', now, 3600)).toBe(true);
      expect(await store.seenDelivery('s-1', now + 1000)).toBe(true);
      expect(await store.seenDelivery('s-1', now + 3_600_000)).toBe(false);
    });

    it('stores and lists targets by id', async () => {
      const { store } = await makeStore();
      const target = (id: string): Target => ({
        id,
        source: { repository: `https://git.example.com/${id}.git`, branch: 'main', path: 'mesh' },
        accountId: '111122223333',
        region: 'eu-west-1',
        policy: defaultTargetPolicy,
      });
      await store.putTarget(target('beta'));
      await store.putTarget(target('alpha'));
      expect(await store.getTarget('beta')).toEqual(target('beta'));
      expect(await store.getTarget('missing')).toBeUndefined();
      expect((await store.listTargets()).map((t) => ('id' in t ? t.id : t.targetId))).toEqual([
        'alpha',
        'beta',
      ]);
    });

    leaseContract(makeStore);
  });
}
