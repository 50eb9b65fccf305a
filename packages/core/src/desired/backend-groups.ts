import type { AppMeshObject } from '../manifests/typed-objects.ts';
import type { GroupBackend } from './convert/convert-virtual-node.ts';
import type { ReferenceResolver, ResolutionIndex } from './reference-resolver.ts';

/**
 * The extra backends a VirtualNode gets from its BackendGroups. The controller only does this behind a flag
 * that is off by default and then silently ignores `backendGroups`; meshcd always honours what the manifest
 * asks for. `name: '*'` means every VirtualService of that namespace; a named group contributes its
 * `virtualservices`, whose namespaces default to the VirtualNode's. Services already listed as explicit typed
 * backends are not added twice, and each must be in the node's mesh.
 */
export function backendGroupBackends(
  node: AppMeshObject<'VirtualNode'>,
  resolver: ReferenceResolver,
  index: ResolutionIndex,
  virtualServices: readonly AppMeshObject<'VirtualService'>[],
): GroupBackend[] {
  const groups = node.spec.backendGroups ?? [];
  if (groups.length === 0) return [];
  const explicit = new Set(
    (node.spec.backends ?? []).flatMap((b) => {
      const ref = b.virtualService.virtualServiceRef;
      return ref ? [`${ref.namespace || node.namespace}/${ref.name}`] : [];
    }),
  );
  const added = new Map<string, GroupBackend>();
  const add = (service: AppMeshObject | undefined) => {
    if (!service) return;
    const key = `${service.namespace}/${service.name}`;
    if (explicit.has(key) || added.has(key)) return;
    added.set(key, { virtualServiceName: index.awsName(service) });
  };
  groups.forEach((group, i) => {
    const path = ['spec', 'backendGroups', i];
    const namespace = group.namespace || node.namespace;
    if (group.name === '*') {
      for (const vs of virtualServices) {
        if (vs.namespace === namespace)
          add(resolver.lookup('VirtualService', { name: vs.name, namespace }, path));
      }
      return;
    }
    const found = resolver.lookup('BackendGroup', group, path) as AppMeshObject<'BackendGroup'> | undefined;
    for (const member of found?.spec.virtualservices ?? []) {
      add(
        resolver.lookup(
          'VirtualService',
          { name: member.name, namespace: member.namespace || node.namespace },
          path,
        ),
      );
    }
  });
  return [...added.values()];
}
