import { detectDrift, reconcile } from '@meshcd/core';
import { afterAll, describe, expect, it } from 'vitest';
import { type ClusterWorld, startClusterWorld } from '../cluster/cluster-world.ts';
import { corpusScenarios, hasShared } from '../corpus/corpus.ts';
import { materialiseRevision } from '../corpus/materialise-revision.ts';

/** Namespaces the corpus applies into without defining them: labelled in the cluster, as a walkthrough would. */
const clusterNamespaces: Record<string, Record<string, Record<string, string>>> = {
  'eks-appmesh-connectivity': { default: { mesh: 'yelb-mesh', gateway: 'ingress-gw' } },
};

describe.runIf(hasShared())('zero cluster drift on every corpus scenario right after apply', () => {
  const scenarios = hasShared() ? corpusScenarios() : [];
  const cleanups: Array<() => Promise<void>> = [];
  /** Scenarios with cluster objects applied and checked, and how many injections were checked overall. */
  const checked = new Set<string>();
  let injectionsChecked = 0;
  afterAll(async () => {
    for (const c of cleanups) await c();
    // Guards against a corpus (or an observation) that silently stops covering the cluster.
    expect(checked.size).toBeGreaterThanOrEqual(24);
    expect(injectionsChecked).toBeGreaterThanOrEqual(90);
  });

  for (const scenario of scenarios) {
    it(`${scenario.folder}/${scenario.scenario}: every cluster object, injection and App Mesh resource InSync after each revision`, async () => {
      const world: ClusterWorld = await startClusterWorld();
      cleanups.push(world.close);
      for (const [name, labels] of Object.entries(clusterNamespaces[scenario.folder] ?? {})) {
        await world.cluster.apply(
          { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } },
          { fieldManager: 'walkthrough' },
        );
      }
      for (const revision of scenario.revisions) {
        const applied = await reconcile({
          target: world.target,
          revision: `rev-${revision.index}`,
          files: materialiseRevision(revision),
          mode: 'apply',
          mesh: world.mesh,
          state: world.state,
          cluster: world.cluster,
          allowPrune: true,
          runId: `apply-${revision.index}`,
          now: () => new Date(),
        });
        const result = await detectDrift({
          target: world.target,
          mesh: world.mesh,
          state: world.state,
          cluster: world.cluster,
          record: false,
          heal: false,
          runId: `drift-${revision.index}`,
          now: () => new Date(),
        });
        // A refused revision applied nothing, so nothing can have drifted either.
        expect(result.items.filter((i) => i.state !== 'InSync')).toEqual([]);
        if (applied.status !== 'succeeded') continue;
        const kubeKeys = (await world.state.listInventory(world.target.id))
          .map((e) => e.key)
          .filter((k) => k.startsWith('kube:'));
        const kube = result.items.filter((i) => i.provider === 'kube');
        expect(kube.filter((i) => i.subject !== 'injection').map((i) => i.key)).toEqual(kubeKeys.sort());
        const injections = applied.clusterPlan?.changes.filter((c) => c.subject === 'injection') ?? [];
        expect(kube.filter((i) => i.subject === 'injection').length).toBe(
          injections.filter((c) => c.action !== 'delete' && c.action !== 'skip').length,
        );
        injectionsChecked += kube.filter((i) => i.subject === 'injection').length;
        if (kubeKeys.length > 0) checked.add(`${scenario.folder}/${scenario.scenario}`);
      }
    });
  }
});
