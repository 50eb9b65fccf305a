import { isError, loadManifests, resolveDesiredState, translateToLattice } from '@meshcd/core';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultLatticeOptions } from '../../packages/core/src/lattice/lattice-options.ts';
import { corpusScenarios, hasShared } from '../corpus/corpus.ts';
import { materialiseRevision } from '../corpus/materialise-revision.ts';
import { vpc } from './desired-fixture.ts';
import { startLatticeWorld, targetId } from './lattice-world.ts';

/** Namespaces the corpus applies into without defining them (its walkthroughs use `kubectl -n`). */
const liveLabels: Record<string, Record<string, Record<string, string>>> = {
  'eks-appmesh-connectivity': { default: { mesh: 'yelb-mesh', gateway: 'ingress-gw' } },
};

/** The Lattice resources a corpus revision translates to, or undefined when the revision is itself invalid. */
function translated(files: ReturnType<typeof materialiseRevision>, folder: string) {
  const loaded = loadManifests(files);
  const labels = liveLabels[folder];
  const resolved = resolveDesiredState(loaded.objects, {
    ...(labels ? { namespaceLabels: (ns: string) => labels[ns] } : {}),
  });
  if (!resolved.ok || loaded.diagnostics.some(isError)) return undefined;
  return translateToLattice(resolved.desired, { targetId, options: defaultLatticeOptions(vpc) }).desired
    .resources;
}

describe.runIf(hasShared())('every corpus scenario on VPC Lattice, against the emulator', () => {
  const scenarios = hasShared() ? corpusScenarios() : [];
  const cleanups: Array<() => Promise<void>> = [];
  /** Scenario → revisions applied to Lattice (revisions with their own defects are not). */
  const appliedRevisions = new Map<string, number>();
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  for (const scenario of scenarios) {
    it(`${scenario.folder}/${scenario.scenario}: applies revision by revision, re-plans with no change and no write, and prunes without a conflict`, async () => {
      const world = await startLatticeWorld();
      cleanups.push(world.close);
      let applied = 0;
      for (const revision of scenario.revisions) {
        const desired = translated(materialiseRevision(revision), scenario.folder);
        // Corpus files with their own defects (pinned in corpus-validate.test.ts) are never applied.
        if (!desired) continue;
        world.handle.resetCalls();
        const { plan, result } = await world.apply(desired, {
          allowPrune: true,
          revision: `rev-${revision.index}`,
        });
        expect(plan.blockers).toEqual([]);
        expect(result.outcomes.filter((o) => o.status !== 'done')).toEqual([]);
        expect(world.conflicts()).toEqual([]);
        applied++;

        world.handle.resetCalls();
        const replanned = await world.plan(desired);
        expect(replanned.changes.filter((c) => c.action !== 'unchanged')).toEqual([]);
        const again = await world.apply(desired, { revision: `rev-${revision.index}` });
        expect(again.result.writes).toBe(0);
        expect(world.writes()).toEqual([]);
      }
      appliedRevisions.set(`${scenario.folder}/${scenario.scenario}`, applied);
      if (applied === 0) return;
      // Removing every file prunes exactly what meshcd created, children first, never answered Conflict.
      world.handle.resetCalls();
      const { result } = await world.apply([], { allowPrune: true, revision: 'emptied' });
      expect(result.outcomes.filter((o) => o.status !== 'done')).toEqual([]);
      expect(world.conflicts()).toEqual([]);
      expect((await world.store.listInventory(targetId)).filter((e) => e.key.startsWith('lattice:'))).toEqual(
        [],
      );
      expect(await world.api.list({ kind: 'Service' })).toEqual([]);
      expect(await world.api.list({ kind: 'TargetGroup' })).toEqual([]);
      expect(await world.api.list({ kind: 'ServiceNetwork' })).toEqual([]);
    });
  }

  it('applied revisions of every scenario but those in which no revision resolves', () => {
    const none = [...appliedRevisions].filter(([, n]) => n === 0).map(([s]) => s);
    expect(appliedRevisions.size).toBe(scenarios.length);
    // No revision of these resolves on its own: resolveDesiredState refuses each one.
    expect(none.sort()).toEqual([
      'eks-app-mesh-cross-account-acm/all',
      'eks-app-mesh-multi-account/all',
      'eks-canary-deployments-pipeline/all',
      'eks-multi-account-spire/all',
      'howto-k8s-cross-cluster/v1beta2-cluster1',
    ]);
  });
});
