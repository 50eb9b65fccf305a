import type { AppMeshObject } from '../manifests/typed-objects.ts';
import { awsNameOf } from './aws-name.ts';
import { gatewayRouteKey, memberKey, meshKey as meshKeyOf } from './inventory-key.ts';
import type { MeshInfo } from './mesh-membership.ts';
import type { ResolutionIndex } from './reference-resolver.ts';

/** Lookup of the set's valid App Mesh objects by kind, namespace and name, with their awsNames, meshes and keys. */
export function createResolutionIndex(
  appMesh: readonly AppMeshObject[],
  invalid: ReadonlySet<string>,
  meshOf: ReadonlyMap<AppMeshObject, MeshInfo>,
  gatewayOf: ReadonlyMap<AppMeshObject, AppMeshObject<'VirtualGateway'>>,
): ResolutionIndex {
  const byId = new Map<string, AppMeshObject>();
  for (const o of appMesh) byId.set(`${o.kind}|${o.namespace}|${o.name}`, o);
  const awsNames = new Map<AppMeshObject, string>();
  const awsName = (o: AppMeshObject) => {
    const name = awsNames.get(o) ?? awsNameOf(o);
    awsNames.set(o, name);
    return name;
  };
  const keyOf = (o: AppMeshObject): string | undefined => {
    const mesh = meshOf.get(o);
    if (!mesh) return undefined;
    if (o.kind === 'BackendGroup') return undefined;
    if (o.kind === 'GatewayRoute') {
      const gw = gatewayOf.get(o);
      return gw ? gatewayRouteKey(mesh.name, awsName(gw), awsName(o)) : undefined;
    }
    return o.kind === 'Mesh' ? meshKeyOf(mesh.name) : memberKey(mesh.name, o.kind, awsName(o));
  };
  return {
    get: (kind, ns, name) => byId.get(`${kind}|${kind === 'Mesh' ? '' : ns}|${name}`),
    isInvalid: (kind, ns, name) => invalid.has(`${kind}|${ns}|${name}`),
    awsName,
    meshOf: (o) => meshOf.get(o),
    keyOf,
  };
}
