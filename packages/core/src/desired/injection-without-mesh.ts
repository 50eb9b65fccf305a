import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { at } from '../manifests/schema-issues.ts';
import type { KubeObject } from '../manifests/typed-objects.ts';
import { selectorMatches } from './label-selector.ts';
import type { MeshInfo } from './mesh-membership.ts';

/**
 * A Namespace that asks for sidecar injection but that no Mesh of the set selects: the controller's pod webhook
 * would refuse its pods. A warning, since its mesh may be managed outside this set.
 */
export function injectionWithoutMesh(kube: readonly KubeObject[], meshes: readonly MeshInfo[]): Diagnostic[] {
  if (meshes.length === 0) return [];
  return kube
    .filter((k) => k.kind === 'Namespace' && k.labels['appmesh.k8s.aws/sidecarInjectorWebhook'] === 'enabled')
    .filter((k) => !meshes.some((m) => selectorMatches(m.object.spec.namespaceSelector, k.labels)))
    .map((k) =>
      at(
        k.manifest,
        ['metadata', 'labels'],
        'no-matching-mesh',
        `sidecar injection is enabled for namespace "${k.name}" but no Mesh in the set selects it`,
        'warning',
      ),
    );
}
