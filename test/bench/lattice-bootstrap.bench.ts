import { defaultTargetPolicy, reconcile, type Target } from '@meshcd/core';
import {
  isLatticeWriteOperation,
  type LatticeEmulatorHandle,
  latticeClientFor,
  startLatticeEmulator,
} from '@meshcd/emulators';
import { createLatticeApi } from '@meshcd/lattice';
import { MemoryStateStore } from '@meshcd/state';
import { type Benchmark, timed } from './benchmark.ts';
import { benchShape, generateMeshManifests, resourceCount } from './generate-mesh-manifests.ts';
import { type CallBudget, measureAgainstLowerBound, waveCount } from './lower-bound.ts';

/** The same knobs as the App Mesh reconcile benchmark: every call answered after 20 ms, 50 writes/s. */
const latencyMs = 20;
const writesPerSecond = 50;

/**
 * The lower bound's budget, read from the knobs the emulator runs with: its latency, and its write bucket's
 * rate and burst (the bucket starts full). Reads are limited far above what the run needs, and asynchronous
 * resources turn ACTIVE at once (`timing.createMs`, reported), so neither adds to the bound.
 */
function budgetOf(knobs: LatticeEmulatorHandle['knobs']): CallBudget {
  const writeRate = knobs.writeRate;
  if (!writeRate) throw new Error('the benchmark needs a write rate to bound its time');
  return {
    latencyMs: knobs.latencyMs,
    writesPerSecond: writeRate.perSecond,
    writeBurst: writeRate.burst,
    isWrite: (operation) => operation !== 'Unknown' && isLatticeWriteOperation(operation as never),
    throttledError: 'ThrottlingException',
    isDescribe: (operation) => operation.startsWith('Get'),
  };
}

const count = (items: readonly { kind: string }[]) => {
  const counts: Record<string, number> = {};
  for (const i of items) counts[i.kind] = (counts[i.kind] ?? 0) + 1;
  return counts;
};

/**
 * Bootstraps the App Mesh benchmark's ~1,000 resources, translated, into an empty Lattice emulator with
 * latency and a write rate, through the real SDK and the Lattice adapter; then re-applies the same tree,
 * which must write nothing. Reports the calls and the wall time against the lower bound the budget allows.
 */
const bench: Benchmark = {
  name: 'lattice-bootstrap',
  async run() {
    const emulator: LatticeEmulatorHandle = await startLatticeEmulator({
      knobs: {
        latencyMs,
        writeRate: { perSecond: writesPerSecond, burst: writesPerSecond },
        readRate: { perSecond: 1000, burst: 1000 },
      },
    });
    const budget = budgetOf(emulator.knobs);
    const client = latticeClientFor(emulator, { maxAttempts: 1 });
    const lattice = createLatticeApi({
      client,
      readRate: 1000,
      writeRate: writesPerSecond,
      burst: writesPerSecond,
      // Lattice makes services, target groups and associations ACTIVE asynchronously: poll as a latency's worth.
      pollMs: latencyMs,
    });
    const target: Target = {
      id: 'bench-lattice',
      source: { repository: 'file://bench', branch: 'main', path: '.' },
      accountId: '111122223333',
      region: 'us-west-2',
      provider: 'lattice',
      lattice: { vpcId: 'vpc-0123456789abcdef0', authType: 'NONE' },
      policy: { ...defaultTargetPolicy },
    };
    const state = new MemoryStateStore();
    let runs = 0;
    const files = generateMeshManifests(benchShape);
    const run = () =>
      reconcile({
        target,
        revision: 'r1',
        files,
        lattice,
        state,
        runId: `bench-${runs++}`,
        now: () => new Date(),
      });
    try {
      emulator.resetCalls();
      const boot = await timed(run);
      if (boot.value.status !== 'succeeded') throw new Error(`bootstrap ended ${boot.value.status}`);
      const changes = boot.value.latticePlan!.changes;
      const bootstrap = measureAgainstLowerBound(emulator.calls, boot.ms, waveCount(changes), budget);

      emulator.resetCalls();
      const noop = await timed(run);
      return {
        shape: { ...benchShape, appMeshResources: resourceCount(benchShape) },
        latticeResources: { total: changes.length, byKind: count(changes) },
        knobs: {
          latencyMs: budget.latencyMs,
          writesPerSecond: budget.writesPerSecond,
          writeBurst: budget.writeBurst,
          createMs: emulator.knobs.timing.createMs,
          latticeApiWriteRate: writesPerSecond,
        },
        bootstrap,
        noop: {
          ...measureAgainstLowerBound(emulator.calls, noop.ms, 0, budget),
          status: noop.value.status,
          changes: noop.value.latticePlan!.changes.filter((c) => c.action !== 'unchanged').length,
        },
      };
    } finally {
      client.destroy();
      await emulator.close();
    }
  },
};

export default bench;
