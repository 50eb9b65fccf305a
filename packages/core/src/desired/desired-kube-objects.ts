import { apiGroup, objectRef } from '../manifests/manifest-object.ts';
import type { KubeObject } from '../manifests/typed-objects.ts';
import type { DesiredKubeObject } from './desired-state.ts';
import { kubeKey } from './inventory-key.ts';

/** Every non-App Mesh object of the set, as meshcd applies it to the cluster, keyed for the inventory. */
export function desiredKubeObjects(kube: readonly KubeObject[]): DesiredKubeObject[] {
  return kube.map((k) => ({
    key: kubeKey(k.namespace, apiGroup(k.manifest.apiVersion), k.kind, k.name),
    object: withNamespace(k.body, k.namespace) as DesiredKubeObject['object'],
    source: { ref: objectRef(k.manifest), location: k.manifest.location },
  }));
}

/** The object as meshcd applies it: a defaulted namespace is written out, so apply never depends on context. */
function withNamespace(
  body: Record<string, unknown>,
  namespace: string | undefined,
): Record<string, unknown> {
  const metadata = (body.metadata ?? {}) as Record<string, unknown>;
  if (namespace === undefined || metadata.namespace === namespace) return body;
  return { ...body, metadata: { ...metadata, namespace } };
}
