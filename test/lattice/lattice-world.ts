import { defaultTargetPolicy, type Target } from '@meshcd/core';
import { createLatticeApi } from '@meshcd/lattice';
import { MemoryStateStore } from '@meshcd/state';
import { applyLatticePlan } from '../../packages/core/src/lattice/apply-lattice.ts';
import type { LatticePlan } from '../../packages/core/src/lattice/lattice-plan-types.ts';
import type {
  DesiredLatticeResource,
  DesiredTargetGroup,
} from '../../packages/core/src/lattice/lattice-resource.ts';
import { observeLattice } from '../../packages/core/src/lattice/observe-lattice.ts';
import { planLattice } from '../../packages/core/src/lattice/plan-lattice.ts';
import {
  resyncLatticeTargets,
  syncLatticePodEvent,
} from '../../packages/core/src/lattice/sync-lattice-pod-event.ts';
import {
  initialTargets,
  recordTargetGroupMembers,
} from '../../packages/core/src/lattice/sync-lattice-targets.ts';
import type { KubeLiveObject } from '../../packages/core/src/ports/cluster-api.ts';
import type { TargetPolicy } from '../../packages/core/src/target.ts';
import {
  isLatticeWriteOperation,
  type LatticeEmulatorHandle,
  type LatticeEmulatorOptions,
  latticeClientFor,
  startLatticeEmulator,
} from '../../packages/emulators/src/lattice/index.ts';

export const targetId = 'lattice-test';

/** The target the world's resources belong to, as reconcile and drift read it. */
export const latticeTarget: Target = {
  id: targetId,
  source: { repository: 'https://git.example/shop.git', branch: 'main', path: '.' },
  accountId: '111122223333',
  region: 'us-west-2',
  provider: 'lattice',
  lattice: { vpcId: 'vpc-0123456789abcdef0', authType: 'NONE' },
  policy: { ...defaultTargetPolicy },
};

/**
 * The Lattice provider against the emulator through the real SDK: plan and apply desired Lattice resources
 * with a memory store, and read the emulator's call log.
 */
export async function startLatticeWorld(options: LatticeEmulatorOptions = {}) {
  const handle: LatticeEmulatorHandle = await startLatticeEmulator(options);
  const client = latticeClientFor(handle, { maxAttempts: 1 });
  const api = createLatticeApi({ client, pollMs: 5, retry: { baseDelayMs: 1, maxDelayMs: 5 } });
  const store = new MemoryStateStore();
  let run = 0;
  // The cluster as target registration reads it: pods by namespace.
  const pods = new Map<string, KubeLiveObject>();
  const cluster = {
    list: async (q: { namespace?: string }) =>
      [...pods.values()].filter((p) => q.namespace === undefined || p.metadata.namespace === q.namespace),
  } as unknown as Parameters<typeof syncLatticePodEvent>[0]['cluster'];

  const plan = async (
    desired: readonly DesiredLatticeResource[],
    opts: { policy?: Partial<TargetPolicy>; allowPrune?: boolean } = {},
  ): Promise<LatticePlan> => {
    const inventory = (await store.listInventory(targetId)).filter((e) => e.key.startsWith('lattice:'));
    const observed = await observeLattice(api, desired, inventory);
    return planLattice({
      targetId,
      desired,
      observed,
      inventory,
      policy: { ...defaultTargetPolicy, ...opts.policy },
      ...(opts.allowPrune ? { allowPrune: true } : {}),
    });
  };

  const apply = async (
    desired: readonly DesiredLatticeResource[],
    opts: { policy?: Partial<TargetPolicy>; allowPrune?: boolean; revision?: string } = {},
  ) => {
    const planned = await plan(desired, opts);
    if (planned.blockers.length > 0)
      throw new Error(`plan refused: ${planned.blockers.map((b) => b.message).join('; ')}`);
    const result = await applyLatticePlan(planned, {
      targetId,
      revision: opts.revision ?? 'r1',
      runId: `run-${++run}`,
      api,
      store,
      now: () => new Date(),
      targetsFor: initialTargets(cluster)!,
    });
    await recordTargetGroupMembers({
      store,
      targetId,
      groups: desired.filter((d): d is DesiredTargetGroup => d.kind === 'TargetGroup'),
      inventory: await store.listInventory(targetId),
      revision: opts.revision ?? 'r1',
      updatedAt: new Date().toISOString(),
    });
    return { plan: planned, result };
  };

  const pod = (
    name: string,
    app: string,
    ip: string,
    options: { ready?: boolean; namespace?: string } = {},
  ) => {
    pods.set(name, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: options.namespace ?? 'demo', labels: { app } },
      status: {
        podIP: ip,
        phase: 'Running',
        conditions: [{ type: 'ContainersReady', status: options.ready === false ? 'False' : 'True' }],
      },
    } as unknown as KubeLiveObject);
  };

  return {
    handle,
    pods,
    pod,
    /** A pod event, as the cluster-event path delivers it. */
    podEvent: (name: string, namespace = 'demo') =>
      syncLatticePodEvent({ targetId, cluster, api, state: store, pod: { namespace, name } }),
    resync: () => resyncLatticeTargets({ targetId, cluster, api, state: store }),
    api,
    client,
    store,
    plan,
    apply,
    writes: () =>
      handle.calls.filter((c) => c.operation !== 'Unknown' && isLatticeWriteOperation(c.operation)),
    conflicts: () => handle.calls.filter((c) => c.errorType === 'ConflictException'),
    close: async () => {
      client.destroy();
      await handle.close();
    },
  };
}

export type LatticeWorld = Awaited<ReturnType<typeof startLatticeWorld>>;
