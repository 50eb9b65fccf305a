import { reconcile } from '@meshcd/core';
import type { CorpusScenario } from '../corpus/corpus.ts';
import { materialiseRevision } from '../corpus/materialise-revision.ts';
import type { EngineWorld } from '../engine/world.ts';

/** Namespaces the corpus applies into without defining them (its walkthroughs use `kubectl -n`). */
const liveLabels: Record<string, Record<string, Record<string, string>>> = {
  'eks-appmesh-connectivity': { default: { mesh: 'yelb-mesh', gateway: 'ingress-gw' } },
};

/** Applies one revision of a corpus scenario through reconcile(); returns the result. */
export async function applyRevision(world: EngineWorld, scenario: CorpusScenario, index: number) {
  const revision = scenario.revisions[index]!;
  const labels = liveLabels[scenario.folder];
  return reconcile({
    target: world.target,
    revision: `rev-${index}`,
    files: materialiseRevision(revision),
    mode: 'apply',
    mesh: world.mesh,
    state: world.state,
    ...(labels ? { namespaceLabels: (ns: string) => labels[ns] } : {}),
    runId: `apply-${index}`,
    now: () => new Date(),
  });
}
