import { reconcile } from '@meshcd/core';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusScenarios, hasShared } from '../corpus/corpus.ts';
import { materialiseRevision } from '../corpus/materialise-revision.ts';
import { startEngineWorld, writeCalls } from './world.ts';

const listOperations = new Set([
  'ListMeshes',
  'ListVirtualNodes',
  'ListVirtualRouters',
  'ListVirtualServices',
  'ListVirtualGateways',
  'ListRoutes',
  'ListGatewayRoutes',
]);

/** Namespaces the corpus applies into without defining them (its walkthroughs use `kubectl -n`). */
const liveLabels: Record<string, Record<string, Record<string, string>>> = {
  'eks-appmesh-connectivity': { default: { mesh: 'yelb-mesh', gateway: 'ingress-gw' } },
};

describe.runIf(hasShared())('every corpus scenario through the engine against the App Mesh emulator', () => {
  const scenarios = hasShared() ? corpusScenarios() : [];
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  for (const scenario of scenarios) {
    it(`${scenario.folder}/${scenario.scenario}: applies revision by revision, then re-plans with no changes and no writes`, async () => {
      const world = await startEngineWorld();
      cleanups.push(world.close);
      const labels = liveLabels[scenario.folder];
      let n = 0;
      const run = (mode: 'plan' | 'apply', files: ReturnType<typeof materialiseRevision>, revision: string) =>
        reconcile({
          target: world.target,
          revision,
          files,
          mode,
          mesh: world.mesh,
          state: world.state,
          ...(labels ? { namespaceLabels: (ns: string) => labels[ns] } : {}),
          runId: `run-${n++}`,
          now: () => new Date(),
        });

      for (const revision of scenario.revisions) {
        const files = materialiseRevision(revision);
        const sha = `rev-${revision.index}`;
        world.emulator.resetCalls();
        const applied = await run('apply', files, sha);
        if (applied.status === 'refused' && applied.diagnostics.some((d) => d.severity === 'error')) {
          // Corpus files with their own defects (pinned in corpus-validate.test.ts): nothing may be written.
          expect(writeCalls(world.emulator)).toEqual([]);
          continue;
        }
        expect(applied.plan?.blockers).toEqual([]);
        expect(applied.apply?.outcomes.filter((o) => o.status !== 'done')).toEqual([]);
        expect(applied.status).toBe('succeeded');

        world.emulator.resetCalls();
        const replanned = await run('plan', files, sha);
        expect(replanned.status).toBe('succeeded');
        expect(writeCalls(world.emulator)).toEqual([]);
        // A no-op reconcile lists (one call per page) and never describes or reads tags.
        const operations = new Set(world.emulator.calls.map((c) => c.operation));
        expect([...operations].filter((o) => !listOperations.has(o))).toEqual([]);

        const reapplied = await run('apply', files, sha);
        expect(reapplied.apply?.writes).toBe(0);
      }
    });
  }
});
