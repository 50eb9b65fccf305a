import { type Diagnostic, loadManifests, resolveDesiredState } from '@meshcd/core';
import { describe, expect, it } from 'vitest';
import type { ResolveOptions } from '../../packages/core/src/desired/resolve-desired-state.ts';
import { overlayManifests } from '../../packages/core/src/manifests/overlay-manifests.ts';
import { type CorpusRevision, corpusScenarios, hasShared, LIVE_LABELS } from './corpus.ts';

/** Loads a revision the way successive commits would leave the tree: files overlaid in order. */
function resolveRevision(revision: CorpusRevision, options: ResolveOptions = {}) {
  const layers = revision.files.map((f) => loadManifests([f]));
  const loadDiagnostics = layers.flatMap((l) => l.diagnostics);
  const result = resolveDesiredState(overlayManifests(layers.map((l) => l.objects)), options);
  return { result, loadDiagnostics };
}

const brief = (d: Diagnostic) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.object} ${d.path}`;

/**
 * Corpus files whose own content is invalid, with the exact errors meshcd must give. Each is a real defect of
 * the published example, not a meshcd limitation: a field the CRD does not have, a template placeholder left
 * where an ARN belongs, or a reference to an object the example never defines.
 */
const INVALID: Record<string, string[]> = {
  'eks-canary-deployments-pipeline/all/0': [
    // tcpRoute.match has only `port`; a TCP route cannot match a path prefix.
    'eks-canary-deployments-pipeline/microservices-redis-server-specfiles-kubernetes-template.yaml:49:11 unknown-field VirtualRouter/eks-canary-deployments-pipeline/redis-server spec.routes[0].tcpRoute.match.prefix',
    // The pipeline only ever defines yelb-ui-v1/-v2 nodes; `yelb-ui` does not exist.
    'eks-canary-deployments-pipeline/microservices-yelb-ui-specfiles-kubernetes-template.yaml:76:7 dangling-reference VirtualService/eks-canary-deployments-pipeline/yelb-ui spec.provider.virtualNode.virtualNodeRef',
  ],
  'eks-multi-account-spire/all/0': [
    // A client policy's TLS has no `mode` (that is a listener TLS field).
    'eks-multi-account-spire/mesh-yelb-appserver.yaml:45:9 unknown-field VirtualNode/yelb/yelb-appserver spec.backendDefaults.clientPolicy.tls.mode',
    'eks-multi-account-spire/mesh-yelb-ui.yaml:27:9 unknown-field VirtualNode/yelb/yelb-ui spec.backendDefaults.clientPolicy.tls.mode',
  ],
  'eks-app-mesh-cross-account-acm/all/0': [
    'eks-app-mesh-cross-account-acm/mesh-yelb-ui.yaml:22:8 invalid-arn VirtualNode/yelb/yelb-ui spec.backends[0].virtualService.virtualServiceARN',
  ],
  'eks-app-mesh-multi-account/all/0': [
    'eks-app-mesh-multi-account/mesh-yelb-ui.yaml:22:8 invalid-arn VirtualNode/yelb/yelb-ui spec.backends[0].virtualService.virtualServiceARN',
  ],
  'howto-k8s-cross-cluster/v1beta2-cluster1/0': [
    'howto-k8s-cross-cluster/v1beta2-cluster1.yaml:40:9 invalid-arn VirtualNode/howto-k8s-cross-cluster/front spec.backends[0].virtualService.virtualServiceARN',
  ],
};

describe.runIf(hasShared())('the shared corpus, revision by revision', () => {
  const scenarios = hasShared() ? corpusScenarios() : [];

  it('covers every scenario revision listed in corpus/index.json', () => {
    expect(scenarios.flatMap((s) => s.revisions).length).toBe(35);
  });

  for (const scenario of scenarios) {
    for (const revision of scenario.revisions) {
      const id = `${scenario.folder}/${scenario.scenario}/${revision.index}`;
      const expected = INVALID[id];
      if (expected) {
        it(`${id}: reports exactly the corpus file's own errors`, () => {
          const { result } = resolveRevision(revision);
          expect(result.ok).toBe(false);
          const errors = result.ok ? [] : result.diagnostics.filter((d) => d.severity === 'error');
          expect(errors.map(brief)).toEqual(expected);
          for (const e of errors) expect(e.message.length).toBeGreaterThan(10);
        });
        continue;
      }
      it(`${id}: validates and converts every App Mesh object`, () => {
        const live = LIVE_LABELS[id];
        const { result, loadDiagnostics } = resolveRevision(
          revision,
          live ? { namespaceLabels: (ns) => live[ns] } : {},
        );
        expect(loadDiagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        if (!result.ok) expect.fail(result.diagnostics.map(brief).join('\n'));
        const { desired } = result;
        expect(desired.unresolvedNamespaces).toEqual([]);
        const appMeshObjects = overlayManifests(revision.files.map((f) => loadManifests([f]).objects)).filter(
          (o) => o.apiVersion.startsWith('appmesh.k8s.aws/'),
        );
        const routes = appMeshObjects
          .filter((o) => o.kind === 'VirtualRouter')
          .reduce(
            (n, o) => n + (((o.body.spec as { routes?: unknown[] })?.routes?.length as number) ?? 0),
            0,
          );
        const converted = appMeshObjects.filter((o) => o.kind !== 'BackendGroup').length + routes;
        expect(desired.meshResources).toHaveLength(converted);
        for (const r of desired.meshResources) {
          expect(r.key.startsWith(`appmesh:${r.meshName}/`)).toBe(true);
          expect(r.spec).toBeTypeOf('object');
        }
        expect(desired.kubeObjects.every((k) => !k.object.apiVersion.startsWith('appmesh.k8s.aws'))).toBe(
          true,
        );
      });
    }
  }

  it('eks-appmesh-connectivity: offline, names the namespace it cannot resolve instead of guessing its mesh', () => {
    const revision = scenarios.find((s) => s.folder === 'eks-appmesh-connectivity')!.revisions[0]!;
    const { result } = resolveRevision(revision);
    if (!result.ok) expect.fail(result.diagnostics.map(brief).join('\n'));
    expect(result.desired.unresolvedNamespaces).toEqual(['default']);
    expect(result.desired.meshResources.map((r) => r.kind)).toEqual(['Mesh']);
    expect(result.warnings.filter((w) => w.code === 'unresolved-namespace')).toHaveLength(1);
  });
});
