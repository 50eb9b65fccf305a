import { defaultTargetPolicy, type Target } from '@meshcd/core';
import {
  type GitServerHandle,
  isLatticeWriteOperation,
  type LatticeEmulatorHandle,
  latticeClientFor,
  startGitServer,
  startLatticeEmulator,
} from '@meshcd/emulators';
import type { GitPushTrigger } from '@meshcd/events';
import { createLatticeApi } from '@meshcd/lattice';
import { fetchManifestTree } from '@meshcd/source';
import { MemoryStateStore } from '@meshcd/state';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { node, SHOP, service } from '../../core/src/lattice/lattice-test-set.ts';
import { createEventPublisher } from './event-publisher.ts';
import { handleGitPush } from './handle-git-push.ts';
import type { ReconcileTargetDeps } from './reconcile-target.ts';
import { captureEvents } from './testing/capture-events.ts';

const manifests = {
  'mesh.yaml': SHOP,
  'api.yaml': node('api') + service('api', '{ virtualNode: { virtualNodeRef: { name: api } } }'),
};

let lattice: LatticeEmulatorHandle;
let git: GitServerHandle;
beforeAll(async () => {
  [lattice, git] = await Promise.all([startLatticeEmulator(), startGitServer()]);
});
afterAll(async () => {
  await Promise.all([lattice?.close(), git?.close()]);
});

describe('reconcileTarget for a target whose provider is lattice', () => {
  it('plans and applies the pushed manifests on VPC Lattice, never App Mesh, and a second push of the same tree writes nothing', async () => {
    const repository = await git.createRepo('shop-lattice');
    const target: Target = {
      id: 'shop-lattice',
      source: { repository, branch: 'main', path: '.' },
      accountId: '111122223333',
      region: 'us-west-2',
      provider: 'lattice',
      lattice: { vpcId: 'vpc-0123456789abcdef0', authType: 'NONE' },
      policy: { ...defaultTargetPolicy },
    };
    const client = latticeClientFor(lattice, { maxAttempts: 1 });
    const api = createLatticeApi({ client, pollMs: 5, retry: { baseDelayMs: 1, maxDelayMs: 5 } });
    const state = new MemoryStateStore();
    const bus = captureEvents();
    let meshBuilt = 0;
    let runs = 0;
    const deps: ReconcileTargetDeps = {
      state,
      events: createEventPublisher(bus, 'bus'),
      meshApiFor: () => {
        meshBuilt++;
        throw new Error('App Mesh must not be used for a Lattice target');
      },
      latticeFor: async () => api,
      fetchSource: (t, ref) =>
        fetchManifestTree({ url: t.source.repository, ref, branch: 'main', path: '.' }),
      logger: { info: () => {}, warn: () => {}, error: () => {} },
      newRunId: () => `run-${++runs}`,
      now: Date.now,
      reserveMs: 0,
      leaseTtlMs: 60_000,
    };
    const push = (revision: string, order: number): GitPushTrigger => ({
      type: 'git-push',
      provider: 'github',
      repository,
      branch: 'main',
      revision,
      order,
      deliveryId: `d-${order}`,
    });
    const writes = () =>
      lattice.calls.filter((c) => c.operation !== 'Unknown' && isLatticeWriteOperation(c.operation));

    const first = await git.commit('shop-lattice', { files: manifests, replaceAll: true });
    const applied = await handleGitPush(push(first, 1), { eventId: 'e-1', requestId: 'r-1' }, [target], deps);
    expect(applied).toMatchObject([{ status: 'done', runs: [{ revision: first, status: 'succeeded' }] }]);
    expect(writes().length).toBeGreaterThan(0);
    expect((await api.list({ kind: 'ServiceNetwork' })).map((n) => n.name)).toEqual(['shop']);
    expect(await api.list({ kind: 'Service' })).toHaveLength(1);
    expect(await api.list({ kind: 'TargetGroup' })).toHaveLength(1);
    const [run] = await state.listRuns(target.id);
    expect(run).toMatchObject({ outcome: 'succeeded', revision: first, runId: 'run-1' });
    expect(run?.summary.create).toBeGreaterThan(0);
    expect((await state.getLease(target.id))?.applied?.revision).toBe(first);
    expect(bus.events.map((e) => e.detailType)).toEqual(['Reconcile Succeeded']);

    lattice.resetCalls();
    const second = await git.commit('shop-lattice', { files: manifests, replaceAll: true });
    const again = await handleGitPush(push(second, 2), { eventId: 'e-2', requestId: 'r-2' }, [target], deps);
    expect(again).toMatchObject([{ status: 'done', runs: [{ revision: second, status: 'succeeded' }] }]);
    expect(writes()).toEqual([]);
    expect((await state.listRuns(target.id))[0]).toMatchObject({ outcome: 'succeeded', revision: second });
    expect(meshBuilt).toBe(0);
    client.destroy();
  }, 60_000);
});
