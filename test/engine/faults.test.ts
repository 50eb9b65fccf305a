import type { ReconcileResult } from '@meshcd/core';
import type { Knobs } from '@meshcd/emulators';
import { afterEach, describe, expect, it } from 'vitest';
import { corpusScenarios, hasShared } from '../corpus/corpus.ts';
import { materialiseRevision } from '../corpus/materialise-revision.ts';
import { emulatorResources, inventoryMismatches, labelsFor, reconcileFiles } from './engine-checks.ts';
import { seededRandom } from './seeded-random.ts';
import { type EngineWorld, startEngineWorld } from './world.ts';

/**
 * A hostile App Mesh: 30% of every call throttled, some writes failing with a 5xx before or after they commit
 * (the response is lost, the retry must get the original result through its client token), and dropped
 * connections. Each operation has one rule; `*` covers the rest.
 */
const hostile = (): Knobs['faults'] => ({
  '*': { errorType: 'TooManyRequestsException', rate: 0.3 },
  CreateVirtualNode: { errorType: 'InternalServerErrorException', rate: 0.3, afterCommit: true },
  CreateVirtualRouter: { errorType: 'ServiceUnavailableException', rate: 0.3, afterCommit: true },
  CreateRoute: { errorType: 'InternalServerErrorException', rate: 0.3 },
  CreateVirtualService: { errorType: 'TooManyRequestsException', rate: 0.3, afterCommit: true },
  UpdateRoute: { errorType: 'InternalServerErrorException', rate: 0.3, afterCommit: true },
  UpdateVirtualNode: { errorType: 'ServiceUnavailableException', rate: 0.3, afterCommit: true },
  ListVirtualNodes: { errorType: 'ServiceUnavailableException', rate: 0.3 },
  DescribeVirtualNode: { errorType: 'InternalServerErrorException', rate: 0.3 },
});

const worlds: EngineWorld[] = [];
afterEach(async () => {
  for (const w of worlds.splice(0)) await w.close();
});

/** The three largest scenarios by resources: many waves, references, and (djapp-versions) five revisions. */
const largest: Array<[string, string, number]> = [
  ['eks-appmesh-connectivity', 'all', 11],
  ['howto-k8s-http-headers', 'all', 12],
  ['howto-k8s-metrics-extension', 'djapp-versions', 13],
];

describe.runIf(hasShared())(
  'reconciling through throttling, 5xx, lost responses and dropped connections',
  () => {
    for (const [folder, name, seed] of largest) {
      it(`${folder}/${name}: converges revision by revision with no duplicate and a consistent inventory`, async () => {
        const scenario = corpusScenarios().find((s) => s.folder === folder && s.scenario === name)!;
        const w = await startEngineWorld({
          emulator: { knobs: { random: seededRandom(seed), faults: hostile(), dropConnectionRate: 0.05 } },
          meshApi: { retry: { baseDelayMs: 1, maxDelayMs: 10, random: seededRandom(seed + 1000) } },
        });
        worlds.push(w);
        const labels = labelsFor(folder);
        const opts = labels ? { namespaceLabels: labels } : {};

        for (const revision of scenario.revisions) {
          const files = materialiseRevision(revision);
          const revisionId = `rev-${revision.index}`;
          // A failed change leaves the rest recorded; the platform re-runs the reconcile until it is done.
          let result: ReconcileResult | undefined;
          let runs = 0;
          do {
            result = await reconcileFiles(w, files, { ...opts, revision: revisionId });
            runs++;
          } while (result.status === 'partial' && runs < 5);
          expect(result.apply?.outcomes.filter((o) => o.status !== 'done')).toEqual([]);
          expect(result.status).toBe('succeeded');

          // Still under fire, a re-plan that observes everything (not only what the revision touched) finds
          // nothing to do.
          const replanned = await reconcileFiles(w, files, {
            ...opts,
            mode: 'plan',
            revision: revisionId,
            refresh: true,
          });
          expect(replanned.status).toBe('succeeded');

          const desired = result.desired!.meshResources;
          const ours = emulatorResources(w.emulator).filter((r) => r.resourceOwner === w.target.accountId);
          expect(ours).toHaveLength(desired.length);
          expect(await inventoryMismatches(w.emulator, w.state, w.target)).toEqual([]);
          expect((await w.state.listInventory(w.target.id)).map((e) => e.key).sort()).toEqual(
            desired.map((d) => d.key).sort(),
          );
        }

        // The faults really fired: throttling, 5xx, dropped connections, and writes retried with their token.
        const calls = w.emulator.calls;
        const errors = new Set(calls.map((c) => c.errorType).filter(Boolean));
        expect(errors).toContain('TooManyRequestsException');
        expect(errors).toContain('DroppedConnection');
        expect(calls.some((c) => c.status >= 500)).toBe(true);
        const replayed = calls.filter(
          (c) =>
            c.status === 200 &&
            c.input.clientToken !== undefined &&
            calls.some((p) => p.status >= 500 && p.input.clientToken === c.input.clientToken),
        );
        expect(replayed.length).toBeGreaterThan(0);

        // Calm again: a full apply makes no write.
        w.emulator.knobs.faults = {};
        w.emulator.knobs.dropConnectionRate = 0;
        w.emulator.resetCalls();
        const last = materialiseRevision(scenario.revisions.at(-1)!);
        const calm = await reconcileFiles(w, last, {
          ...opts,
          revision: `rev-${scenario.revisions.length - 1}`,
        });
        expect(calm.apply?.writes).toBe(0);
      });
    }
  },
);
