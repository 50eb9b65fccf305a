import { MeshcdError, type RevisionRequest } from '@meshcd/core';
import { describe, expect, it } from 'vitest';
import { type ContractStore, HOUR, req, sleep } from './contract-fixtures.ts';

/**
 * The lease's behaviour every StateStore must show: who holds it, what is wanted, applied and failed,
 * take-overs and continuations, and concurrent out-of-order pushes ending at the newest revision.
 */
export function leaseContract(makeStore: () => Promise<ContractStore>): void {
  describe('the target lease', () => {
    it('gives the lease to the first holder and records the newer request of a refused one as wanted', async () => {
      const { store } = await makeStore();
      const now = 1_000_000;
      const first = await store.acquireLease('t', 'a', req(1), now, HOUR);
      expect(first).toMatchObject({
        acquired: true,
        lease: { holder: 'a', wanted: req(1), expiresAt: now + HOUR },
      });
      const second = await store.acquireLease('t', 'b', req(2), now + 10, HOUR);
      expect(second).toEqual({ acquired: false, holder: 'a', expiresAt: now + HOUR });
      expect((await store.getLease('t'))?.wanted).toEqual(req(2));
    });

    it('never lowers wanted when requests arrive out of order', async () => {
      const { store } = await makeStore();
      await store.acquireLease('t', 'a', req(5), 0, HOUR);
      await store.acquireLease('t', 'b', req(3), 1, HOUR);
      await store.acquireLease('t', 'c', req(9), 2, HOUR);
      await store.acquireLease('t', 'd', req(7), 3, HOUR);
      expect((await store.getLease('t'))?.wanted).toEqual(req(9));
    });

    it('keeps the lease and hands back the newer wanted revision when completing an older one', async () => {
      const { store } = await makeStore();
      await store.acquireLease('t', 'a', req(1), 0, HOUR);
      await store.acquireLease('t', 'b', req(2), 1, HOUR);
      expect(await store.completeLease('t', 'a', req(1))).toEqual({ released: false, next: req(2) });
      expect(await store.getLease('t')).toMatchObject({ holder: 'a', applied: req(1), wanted: req(2) });
      expect(await store.completeLease('t', 'a', req(2))).toEqual({ released: true });
      const lease = await store.getLease('t');
      expect(lease).toMatchObject({ applied: req(2), wanted: req(2) });
      expect(lease?.holder).toBeUndefined();
    });

    it('never moves applied backwards', async () => {
      const { store } = await makeStore();
      await store.acquireLease('t', 'a', req(5), 0, HOUR);
      await store.completeLease('t', 'a', req(5));
      await store.acquireLease('t', 'b', req(3), 10, HOUR);
      expect(await store.completeLease('t', 'b', req(3))).toEqual({ released: true });
      expect((await store.getLease('t'))?.applied).toEqual(req(5));
    });

    it('lets the work resume after a crashed holder’s lease expires, and refuses the crashed holder', async () => {
      const { store } = await makeStore();
      const now = 1_000_000;
      await store.acquireLease('t', 'crashed', req(1), now, 60_000);
      expect(await store.acquireLease('t', 'b', req(1), now + 59_999, 60_000)).toMatchObject({
        acquired: false,
      });
      const resumed = await store.acquireLease('t', 'b', req(1), now + 60_000, 60_000);
      expect(resumed).toMatchObject({ acquired: true, lease: { holder: 'b', wanted: req(1) } });
      expect(await store.renewLease('t', 'crashed', now + 60_001, 60_000)).toBe(false);
      await expect(store.completeLease('t', 'crashed', req(1))).rejects.toMatchObject({
        phase: 'record',
        reason: 'lease-lost',
        retryable: false,
      });
      await expect(store.completeLease('t', 'crashed', req(1))).rejects.toBeInstanceOf(MeshcdError);
      expect(await store.renewLease('t', 'b', now + 70_000, 60_000)).toBe(true);
      expect((await store.getLease('t'))?.expiresAt).toBe(now + 130_000);
      expect(await store.completeLease('t', 'b', req(1))).toEqual({ released: true });
    });

    it('names the holder an acquisition took over from, which never settled, and nobody after a settlement', async () => {
      const { store } = await makeStore();
      const fresh = await store.acquireLease('t', 'a', req(1), 0, 1_000);
      expect(fresh.acquired && fresh.tookOverFrom).toBeUndefined();
      // 'a' is killed mid-run: its lease expires still naming it.
      const afterCrash = await store.acquireLease('t', 'b', req(2), 1_000, 1_000);
      expect(afterCrash).toMatchObject({ acquired: true, tookOverFrom: 'a', lease: { holder: 'b' } });
      // A continuation resumes an unfinished holder: that one did not settle either.
      const resumed = await store.acquireLease('t', 'c', req(2), 1_001, 1_000, { resumeFrom: 'b' });
      expect(resumed).toMatchObject({ acquired: true, tookOverFrom: 'b' });
      // Completed, failed and released leases name nobody.
      await store.completeLease('t', 'c', req(2));
      const afterComplete = await store.acquireLease('t', 'd', req(3), 1_002, 1_000);
      expect(afterComplete).toMatchObject({ acquired: true });
      expect(afterComplete.acquired && afterComplete.tookOverFrom).toBeUndefined();
      await store.failLease('t', 'd', req(3));
      const afterFail = await store.acquireLease('t', 'e', req(4), 1_003, 1_000);
      expect(afterFail.acquired && afterFail.tookOverFrom).toBeUndefined();
      await store.releaseLease('t', 'e');
      const afterRelease = await store.acquireLease('t', 'f', req(4), 1_004, 1_000);
      expect(afterRelease).toMatchObject({ acquired: true });
      expect(afterRelease.acquired && afterRelease.tookOverFrom).toBeUndefined();
    });

    it('refuses to renew an expired lease even for its own holder', async () => {
      const { store } = await makeStore();
      await store.acquireLease('t', 'a', req(1), 0, 1_000);
      expect(await store.renewLease('t', 'a', 500, 1_000)).toBe(true);
      expect(await store.renewLease('t', 'a', 1_500, 1_000)).toBe(false);
      expect(await store.renewLease('t', 'nobody', 0, 1_000)).toBe(false);
    });

    it('records a failed revision apart from applied, releases, and lets a newer push run', async () => {
      const { store } = await makeStore();
      await store.acquireLease('t', 'a', req(1), 0, HOUR);
      await store.completeLease('t', 'a', req(1));
      await store.acquireLease('t', 'b', req(2), 10, HOUR);
      expect(await store.failLease('t', 'b', req(2))).toEqual({ released: true });
      const lease = await store.getLease('t');
      expect(lease).toMatchObject({ applied: req(1), failed: req(2), wanted: req(2) });
      expect(lease?.holder).toBeUndefined();
      // A replay of the failed push changes nothing; a newer push is wanted and takes the lease.
      await store.acquireLease('t', 'c', req(2), 20, HOUR);
      expect((await store.getLease('t'))?.wanted).toEqual(req(2));
      await store.releaseLease('t', 'c');
      const newer = await store.acquireLease('t', 'd', req(3), 30, HOUR);
      expect(newer).toMatchObject({
        acquired: true,
        lease: { wanted: req(3), failed: req(2), applied: req(1) },
      });
      expect(await store.completeLease('t', 'd', req(3))).toEqual({ released: true });
      expect(await store.getLease('t')).toMatchObject({ applied: req(3), failed: req(2) });
    });

    it('hands back a newer wanted revision when a failed one is settled', async () => {
      const { store } = await makeStore();
      await store.acquireLease('t', 'a', req(1), 0, HOUR);
      await store.acquireLease('t', 'b', req(2), 1, HOUR);
      expect(await store.failLease('t', 'a', req(1))).toEqual({ released: false, next: req(2) });
      expect(await store.getLease('t')).toMatchObject({ holder: 'a', failed: req(1) });
      expect((await store.getLease('t'))?.applied).toBeUndefined();
    });

    it('releases without an outcome and names the wanted revision nothing settled', async () => {
      const { store } = await makeStore();
      await store.acquireLease('t', 'a', req(1), 0, HOUR);
      await store.completeLease('t', 'a', req(1));
      await store.acquireLease('t', 'heal', undefined, 10, HOUR);
      expect((await store.getLease('t'))?.wanted).toEqual(req(1));
      expect(await store.releaseLease('t', 'heal')).toEqual({ released: true });
      await store.acquireLease('t', 'b', req(2), 20, HOUR);
      expect(await store.releaseLease('t', 'b')).toEqual({ released: true, pending: req(2) });
      const lease = await store.getLease('t');
      expect(lease).toMatchObject({ applied: req(1), wanted: req(2) });
      expect(lease?.holder).toBeUndefined();
      expect(lease?.failed).toBeUndefined();
      await expect(store.releaseLease('t', 'b')).rejects.toMatchObject({ reason: 'lease-lost' });
    });

    it('never drops a different revision pushed with the same order: it asks for the branch head', async () => {
      const { store } = await makeStore();
      const second = (revision: string): RevisionRequest => ({ revision, order: 7_000 });
      await store.acquireLease('t', 'a', second('A'), 0, HOUR);
      // The push of B, in the same second, arrives while A is being reconciled.
      expect(await store.acquireLease('t', 'b', second('B'), 1, HOUR)).toMatchObject({ acquired: false });
      expect((await store.getLease('t'))?.wanted).toEqual({ revision: 'B', order: 7_000, tie: 1 });
      expect(await store.completeLease('t', 'a', second('A'))).toEqual({
        released: false,
        next: { revision: 'B', order: 7_000, tie: 1 },
      });
      // Meanwhile C lands in the same second, after the head was fetched as B: one more run.
      await store.acquireLease('t', 'c', second('C'), 2, HOUR);
      expect(await store.completeLease('t', 'a', { revision: 'B', order: 7_000, tie: 1 })).toEqual({
        released: false,
        next: { revision: 'C', order: 7_000, tie: 2 },
      });
      expect(await store.completeLease('t', 'a', { revision: 'C', order: 7_000, tie: 2 })).toEqual({
        released: true,
      });
      // A late delivery of A, and a continuation re-sending the settled tie, ask for nothing new.
      await store.acquireLease('t', 'd', { revision: 'C', order: 7_000, tie: 2 }, 3, HOUR);
      expect((await store.getLease('t'))?.wanted).toEqual({ revision: 'C', order: 7_000, tie: 2 });
      await store.releaseLease('t', 'd');
      expect(await store.getLease('t')).toMatchObject({ applied: { revision: 'C', order: 7_000, tie: 2 } });
    });

    it('lets a continuation take over from the holder it resumes, once', async () => {
      const { store } = await makeStore();
      await store.acquireLease('t', 'first', req(1), 0, HOUR);
      const resumed = await store.acquireLease('t', 'cont-1', req(1), 10, HOUR, { resumeFrom: 'first' });
      expect(resumed).toMatchObject({ acquired: true, lease: { holder: 'cont-1' } });
      // A second delivery of the same continuation finds the lease taken over and queues.
      const duplicate = await store.acquireLease('t', 'cont-2', req(1), 11, HOUR, { resumeFrom: 'first' });
      expect(duplicate).toEqual({ acquired: false, holder: 'cont-1', expiresAt: 10 + HOUR });
      await expect(store.completeLease('t', 'first', req(1))).rejects.toMatchObject({ reason: 'lease-lost' });
    });

    it('ends 20 concurrent out-of-order pushes, several in the same second, at the newest revision', async () => {
      const { store } = await makeStore();
      // Push i happened at second ⌊i/3⌋: three pushes share most seconds. All were pushed before the
      // deliveries, which come in a scrambled order; the branch head is therefore push 20.
      const pushes = Array.from({ length: 20 }, (_, i) => ({
        revision: `rev-${i + 1}`,
        order: Math.floor((i + 1) / 3) * 1000,
      }));
      const head = pushes.at(-1)!;
      const arrival = [...pushes].sort(() => Math.random() - 0.5);
      let active = 0;
      let maxActive = 0;
      const reconciler = async (push: RevisionRequest, i: number) => {
        const holder = `holder-${i}`;
        await sleep(Math.random() * 20);
        const acquisition = await store.acquireLease('ties', holder, push, Date.now(), HOUR);
        if (!acquisition.acquired) return;
        let revision = acquisition.lease.wanted!;
        for (;;) {
          active++;
          maxActive = Math.max(maxActive, active);
          await sleep(Math.random() * 10);
          active--;
          // "The reconcile": a tie is resolved by the branch head, anything else by its own revision.
          const done = await store.completeLease(
            'ties',
            holder,
            revision.tie !== undefined ? { ...revision, revision: head.revision } : revision,
          );
          if (done.released) return;
          revision = done.next;
        }
      };
      await Promise.all(arrival.map(reconciler));
      expect(maxActive).toBe(1);
      const lease = await store.getLease('ties');
      expect(lease?.applied?.revision).toBe(head.revision);
      expect(lease?.applied?.order).toBe(head.order);
      expect(lease?.holder).toBeUndefined();
    });

    it('ends 20 concurrent out-of-order pushes at the newest revision with no overlapping reconciles', async () => {
      const { store } = await makeStore();
      const orders = Array.from({ length: 20 }, (_, i) => i + 1).sort(() => Math.random() - 0.5);
      let active = 0;
      let maxActive = 0;
      const reconciled: number[] = [];
      const intervals: Array<{ holder: string; start: number; end: number }> = [];
      let clock = 0; // logical: strictly increasing, so intervals compare without timing assumptions

      const reconciler = async (order: number) => {
        const holder = `holder-${order}`;
        await sleep(Math.random() * 20);
        const acquisition = await store.acquireLease('burst', holder, req(order), Date.now(), HOUR);
        if (!acquisition.acquired) return;
        let revision = acquisition.lease.wanted!;
        for (;;) {
          active++;
          maxActive = Math.max(maxActive, active);
          const start = clock++;
          await sleep(Math.random() * 15); // "the reconcile"
          reconciled.push(revision.order);
          active--;
          intervals.push({ holder, start, end: clock++ });
          const done = await store.completeLease('burst', holder, revision);
          if (done.released) return;
          revision = done.next;
        }
      };
      await Promise.all(orders.map(reconciler));

      expect(maxActive).toBe(1);
      const sorted = [...intervals].sort((a, b) => a.start - b.start);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.start).toBeGreaterThan(sorted[i - 1]!.end);
      const lease = await store.getLease('burst');
      expect(lease?.applied).toEqual(req(20));
      expect(lease?.wanted).toEqual(req(20));
      expect(lease?.holder).toBeUndefined();
      expect(reconciled.at(-1)).toBe(20);
      // Each reconcile took the newest wanted revision, so the applied sequence only ever increases.
      expect(reconciled).toEqual([...reconciled].sort((a, b) => a - b));
    });
  });
}
