import { detectDrift } from '@meshcd/core';
import { afterAll, describe, expect, it } from 'vitest';
import { classifyDrift } from '../../packages/core/src/drift/classify-drift.ts';
import { expectedFromInventory } from '../../packages/core/src/drift/expected-resource.ts';
import { observeMesh } from '../../packages/core/src/observe/observe-mesh.ts';
import { corpusScenarios, hasShared } from '../corpus/corpus.ts';
import { type EngineWorld, startEngineWorld } from '../engine/world.ts';
import { applyRevision } from './apply-corpus.ts';

describe.runIf(hasShared())('zero drift on every corpus scenario right after apply', () => {
  const scenarios = hasShared() ? corpusScenarios() : [];
  const worlds: EngineWorld[] = [];
  /** Scenarios with at least one revision applied and checked. */
  const checkedScenarios = new Set<string>();
  afterAll(async () => {
    for (const w of worlds) await w.close();
    // Guards against a corpus that silently stops applying: most scenarios must have been checked for real.
    expect(checkedScenarios.size).toBeGreaterThanOrEqual(24);
  });

  it('covers all 29 scenarios', () => {
    expect(scenarios).toHaveLength(29);
  });

  for (const scenario of scenarios) {
    it(`${scenario.folder}/${scenario.scenario}: every resource InSync after each revision, even when every spec is Described`, async () => {
      const world = await startEngineWorld();
      worlds.push(world);
      for (const revision of scenario.revisions) {
        const applied = await applyRevision(world, scenario, revision.index);
        if (applied.status === 'refused') {
          // Corpus revisions with their own defects are refused whole (pinned in corpus-validate.test.ts):
          // nothing was applied, so nothing can have drifted either.
          expect(applied.diagnostics.some((d) => d.severity === 'error')).toBe(true);
          const result = await detectDrift({
            target: world.target,
            mesh: world.mesh,
            state: world.state,
            record: false,
            runId: `drift-${revision.index}`,
            now: () => new Date(),
          });
          expect(result.items.filter((i) => i.state !== 'InSync')).toEqual([]);
          continue;
        }
        expect(applied.status).toBe('succeeded');

        // Against what was applied (the inventory) and against Git (the desired state).
        for (const desired of [undefined, applied.desired!.meshResources]) {
          const result = await detectDrift({
            target: world.target,
            mesh: world.mesh,
            state: world.state,
            ...(desired ? { desired } : {}),
            record: false,
            runId: `drift-${revision.index}`,
            now: () => new Date(),
          });
          expect(result.items.filter((i) => i.state !== 'InSync')).toEqual([]);
          expect(result.summary.total).toBe(applied.desired!.meshResources.length);
        }

        // Forget the versions so every spec is Described: what App Mesh answers (server defaults and all)
        // still compares equal to what Git asked for.
        const inventory = (await world.state.listInventory(world.target.id)).map((e) => ({
          ...e,
          version: -1,
        }));
        const observation = await observeMesh(world.mesh, expectedFromInventory(inventory), inventory, {
          describeUnmanaged: true,
          failures: 'record',
        });
        expect(observation.observed.filter((o) => o.kind !== 'Mesh' && o.spec === undefined)).toEqual([]);
        const items = classifyDrift({
          desired: applied.desired!.meshResources,
          inventory,
          observed: observation.observed,
          ignore: [],
        });
        expect(items.filter((i) => i.state !== 'InSync')).toEqual([]);
        checkedScenarios.add(`${scenario.folder}/${scenario.scenario}`);
      }
    });
  }
});
