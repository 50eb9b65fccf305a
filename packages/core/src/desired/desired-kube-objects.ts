import { apiGroup, objectRef } from '../manifests/manifest-object.ts';
import type { KubeObject } from '../manifests/typed-objects.ts';
import type { SourceLocation } from '../source-location.ts';
import type { DesiredKubeObject } from './desired-state.ts';
import { kubeKey } from './inventory-key.ts';

/** Every non-App Mesh object of the set, as meshcd applies it to the cluster, keyed for the inventory. */
export function desiredKubeObjects(kube: readonly KubeObject[]): DesiredKubeObject[] {
  return kube.map((k) => {
    const podAnnotations = podAnnotationLocations(k);
    return {
      key: kubeKey(k.namespace, apiGroup(k.manifest.apiVersion), k.kind, k.name),
      object: withNamespace(k.body, k.namespace) as DesiredKubeObject['object'],
      source: {
        ref: objectRef(k.manifest),
        location: k.manifest.location,
        podAnnotations,
      },
    };
  });
}

const annotationsPath = ['spec', 'template', 'metadata', 'annotations'];

/**
 * Where each `appmesh.k8s.aws/…` annotation of an object's pod template is written (a workload's; other
 * kinds have none). Read here, from the body, so validating a set loads no cluster code.
 */
function podAnnotationLocations(k: KubeObject): Record<string, SourceLocation> | undefined {
  const template = (k.body.spec as { template?: { metadata?: { annotations?: unknown } } } | undefined)
    ?.template;
  const annotations = template?.metadata?.annotations;
  if (typeof annotations !== 'object' || annotations === null) return undefined;
  const names = Object.keys(annotations).filter((name) => name.startsWith('appmesh.k8s.aws/'));
  if (names.length === 0) return undefined;
  return Object.fromEntries(names.map((name) => [name, k.manifest.locate([...annotationsPath, name])]));
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
