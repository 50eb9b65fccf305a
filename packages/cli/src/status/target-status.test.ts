import {
  type DriftRecord,
  defaultTargetPolicy,
  type RunRecord,
  type StateStore,
  type Target,
  type TargetLease,
} from '@meshcd/core';
import { describe, expect, it } from 'vitest';
import { allHealthy, readTargetStatus } from './target-status.ts';

const target: Target = {
  id: 'production',
  source: { repository: 'https://github.com/platform/mesh-config.git', branch: 'main', path: 'mesh' },
  accountId: '111122223333',
  region: 'us-west-2',
  policy: { ...defaultTargetPolicy },
};
const now = new Date('2026-11-30T10:00:00.000Z');
const rev = (c: string) => c.repeat(40);
const run = (
  revision: string,
  outcome: RunRecord['outcome'],
  mode: RunRecord['mode'] = 'apply',
): RunRecord => ({
  targetId: target.id,
  runId: `run-${revision.slice(0, 1)}-${mode}`,
  mode,
  revision,
  startedAt: '2026-11-30T09:00:00.000Z',
  finishedAt: '2026-11-30T09:00:05.000Z',
  outcome,
  summary: { update: 1 },
  ...(outcome === 'succeeded'
    ? {}
    : { errors: [{ phase: 'apply', reason: 'ServiceUnavailable', message: 'App Mesh answered 503' }] }),
});

/** A state store holding only what status reads: the lease, the runs (newest first) and the last drift check. */
const store = (lease?: TargetLease, runs: RunRecord[] = [], drift?: DriftRecord) =>
  ({
    getLease: async () => lease,
    listRuns: async () => runs,
    getLastDriftReport: async () => drift,
  }) as unknown as StateStore;

describe('readTargetStatus', () => {
  it('is pending while a reconcile holds the lease, and healthy once it let go after applying', async () => {
    const applied = { revision: rev('a'), order: 1 };
    const held = await readTargetStatus(
      store({ targetId: target.id, holder: 'event:9', expiresAt: now.getTime() + 60_000, applied }, [
        run(rev('a'), 'succeeded'),
      ]),
      target,
      now,
    );
    expect(held).toMatchObject({
      health: 'pending',
      reason: 'a reconcile is running',
      lease: { state: 'held', holder: 'event:9', expiresAt: '2026-11-30T10:01:00.000Z' },
    });
    // A lease whose holder vanished does not keep the target pending forever.
    const expired = await readTargetStatus(
      store(
        { targetId: target.id, holder: 'event:9', expiresAt: now.getTime() - 1, applied, wanted: applied },
        [run(rev('a'), 'succeeded')],
      ),
      target,
      now,
    );
    expect(expired).toMatchObject({
      health: 'healthy',
      reason: `${rev('a')} applied`,
      lease: { state: 'expired' },
    });
  });

  it('is pending when a newer revision is wanted than the last reconcile, or nothing was ever reconciled', async () => {
    const queued = await readTargetStatus(
      store(
        {
          targetId: target.id,
          wanted: { revision: rev('b'), order: 2 },
          applied: { revision: rev('a'), order: 1 },
        },
        [run(rev('a'), 'succeeded')],
      ),
      target,
      now,
    );
    expect(queued).toMatchObject({
      health: 'pending',
      reason: `${rev('b')} is wanted; the last reconcile was of ${rev('a')}`,
    });
    expect(await readTargetStatus(store(), target, now)).toMatchObject({
      health: 'pending',
      reason: 'nothing was ever reconciled',
      lease: { state: 'free' },
    });
  });

  it('takes the last reconcile, not a plan from the command line, and says how it ended with how many errors', async () => {
    const failed = { revision: rev('b'), order: 2 };
    const status = await readTargetStatus(
      store({ targetId: target.id, wanted: failed, failed, applied: { revision: rev('a'), order: 1 } }, [
        run(rev('c'), 'succeeded', 'plan'),
        run(rev('b'), 'failed'),
        run(rev('a'), 'succeeded'),
      ]),
      target,
      now,
    );
    expect(status).toMatchObject({
      health: 'failed',
      reason: `the last reconcile of ${rev('b')} was failed with 1 error(s)`,
      failed,
      lastRun: { revision: rev('b'), outcome: 'failed' },
    });
    expect(allHealthy([status])).toBe(false);
  });

  it('carries the last drift check: when, against which revision, and the counts by state', async () => {
    const drift = {
      targetId: target.id,
      runId: 'drift-1',
      detectedAt: '2026-11-30T09:30:00.000Z',
      revision: rev('a'),
      scope: 'full',
      summary: { counts: { InSync: 30, Modified: 1, Missing: 0, Unmanaged: 2, Unknown: 0 } },
      items: [],
      quotas: [],
      driftFingerprint: 'f',
    } as unknown as DriftRecord;
    const applied = { revision: rev('a'), order: 1 };
    const status = await readTargetStatus(
      store({ targetId: target.id, applied, wanted: applied }, [run(rev('a'), 'succeeded')], drift),
      target,
      now,
    );
    expect(status.drift).toEqual({
      detectedAt: '2026-11-30T09:30:00.000Z',
      revision: rev('a'),
      counts: { InSync: 30, Modified: 1, Missing: 0, Unmanaged: 2, Unknown: 0 },
    });
    expect(allHealthy([status])).toBe(true);
  });
});
