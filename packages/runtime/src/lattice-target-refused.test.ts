import {
  type ClusterApi,
  defaultTargetPolicy,
  detectDrift,
  type MeshApi,
  reconcile,
  type Target,
} from '@meshcd/core';
import type { GitPushTrigger, ScheduleTrigger } from '@meshcd/events';
import { MemoryStateStore } from '@meshcd/state';
import { describe, expect, it } from 'vitest';
import { createEventPublisher } from './event-publisher.ts';
import { handleDriftEvent } from './handle-drift-event.ts';
import { handleGitPush } from './handle-git-push.ts';
import { captureEvents } from './testing/capture-events.ts';

/** An App Mesh port that records every call and answers none: a Lattice target must never reach it. */
function watchedMesh() {
  const calls: string[] = [];
  let built = 0;
  const api = new Proxy({} as MeshApi, {
    get: (_, name) =>
      name === 'then'
        ? undefined
        : (..._args: unknown[]) => {
            calls.push(String(name));
            return Promise.reject(new Error(`App Mesh ${String(name)} called for a Lattice target`));
          },
  });
  return {
    calls,
    builds: () => built,
    meshApiFor: () => {
      built++;
      return api;
    },
  };
}

function world() {
  const target: Target = {
    id: 'shop-lattice',
    source: { repository: 'https://git.example/shop.git', branch: 'main', path: '.' },
    accountId: '111122223333',
    region: 'us-west-2',
    cluster: { name: 'shop' },
    provider: 'lattice',
    policy: { ...defaultTargetPolicy, selfHeal: true },
  };
  const state = new MemoryStateStore();
  const bus = captureEvents();
  const mesh = watchedMesh();
  let fetched = 0;
  let clock = Date.parse('2026-11-01T00:00:00.000Z');
  const common = {
    state,
    events: createEventPublisher(bus, 'bus'),
    meshApiFor: mesh.meshApiFor,
    logger: { info: () => {}, warn: () => {}, error: () => {} },
    newRunId: () => `run-${clock}`,
    now: () => (clock += 1000),
    leaseTtlMs: 60_000,
  };
  return { target, state, bus, mesh, common, fetched: () => fetched, countFetch: () => ++fetched };
}

describe('a target whose provider is lattice', () => {
  it('is refused by the reconciler as a failed config run, with no App Mesh client built or called', async () => {
    const w = world();
    const revision = 'c'.repeat(40);
    const push: GitPushTrigger = {
      type: 'git-push',
      provider: 'github',
      repository: w.target.source.repository,
      branch: 'main',
      revision,
      order: 1,
      deliveryId: 'd-1',
    };
    const results = await handleGitPush(push, { eventId: 'e-1', requestId: 'r-1' }, [w.target], {
      ...w.common,
      fetchSource: async () => {
        w.countFetch();
        throw new Error('the source must not be fetched for a refused target');
      },
      reserveMs: 0,
    });
    expect(results).toMatchObject([
      { targetId: w.target.id, status: 'done', runs: [{ revision, status: 'failed' }] },
    ]);
    expect(w.mesh.builds()).toBe(0);
    expect(w.mesh.calls).toEqual([]);
    expect(w.fetched()).toBe(0);
    const [run] = await w.state.listRuns(w.target.id);
    expect(run).toMatchObject({ outcome: 'failed', revision });
    expect(run?.errors).toEqual([
      expect.objectContaining({ phase: 'config', reason: 'provider-unsupported', retryable: false }),
    ]);
    expect(run?.errors?.[0]?.message).toContain("target 'shop-lattice'");
    expect(run?.errors?.[0]?.message).toContain("provider 'lattice'");
    // The revision is settled as failed, and the failure is announced like any other.
    expect((await w.state.getLease(w.target.id))?.applied).toBeUndefined();
    expect(w.bus.events.map((e) => e.detailType)).toContain('Reconcile Failed');
  });

  it('is left out of the App Mesh drift check and heal, whatever its self-heal policy', async () => {
    const w = world();
    const cluster = new Proxy({} as ClusterApi, {
      get: (_, name) => (name === 'then' ? undefined : () => Promise.resolve([])),
    });
    const schedule: ScheduleTrigger = {
      type: 'schedule',
      check: 'drift',
      time: '2026-11-01T00:00:00.000Z',
      eventId: 'schedule-1',
    };
    const result = await handleDriftEvent(schedule, [w.target], {
      ...w.common,
      ownRoleArns: [],
      requestId: 'r-2',
      clusterFor: async () => cluster,
      // No Lattice here: the resync is not under test, only that App Mesh is never touched.
      latticeFor: undefined,
    });
    expect(result.checks).toMatchObject([{ targetId: w.target.id, emitted: [], healed: false }]);
    expect(result.checks[0]?.error).toBeUndefined();
    expect(w.mesh.builds()).toBe(0);
    expect(w.mesh.calls).toEqual([]);
  });

  it('is refused by the core App Mesh recipes themselves, whoever calls them', async () => {
    const w = world();
    const mesh = w.mesh.meshApiFor();
    const now = () => new Date(w.common.now());
    const files = [
      {
        path: 'mesh.yaml',
        content: 'apiVersion: appmesh.k8s.aws/v1beta2\nkind: Mesh\nmetadata: { name: shop }\n',
      },
    ];
    const refused = { phase: 'config', reason: 'provider-unsupported' };
    await expect(
      reconcile({
        target: w.target,
        revision: 'd'.repeat(40),
        files,
        mode: 'apply',
        mesh,
        state: w.state,
        runId: 'r',
        now,
      }),
    ).rejects.toMatchObject(refused);
    await expect(
      detectDrift({ target: w.target, mesh, state: w.state, runId: 'd', now, heal: true }),
    ).rejects.toMatchObject(refused);
    expect(w.mesh.calls).toEqual([]);
    expect((await w.state.listRuns(w.target.id))[0]).toMatchObject({ outcome: 'failed', runId: 'r' });
  });
});
