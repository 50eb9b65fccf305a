import {
  applyLatticePlan,
  type DesiredLatticeResource,
  defaultTargetPolicy,
  type LatticePlan,
  observeLattice,
  planLattice,
  type TargetPolicy,
} from '@meshcd/core';
import { createLatticeApi } from '@meshcd/lattice';
import { MemoryStateStore } from '@meshcd/state';
import {
  isLatticeWriteOperation,
  type LatticeEmulatorHandle,
  type LatticeEmulatorOptions,
  latticeClientFor,
  startLatticeEmulator,
} from '../../packages/emulators/src/lattice/index.ts';

export const targetId = 'lattice-test';

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
    });
    return { plan: planned, result };
  };

  return {
    handle,
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
