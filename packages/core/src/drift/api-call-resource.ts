import type { MeshResourceIdentity } from '../appmesh/appmesh-key.ts';
import { isMeshResourceKind } from '../appmesh/appmesh-kinds.ts';

/** What a CloudTrail App Mesh call says it touched (packages/events AppMeshApiCallTrigger has this shape). */
interface ApiCallTarget {
  meshName: string;
  resourceKind?: string;
  resourceName?: string;
  /** Router or gateway of a Route or GatewayRoute. */
  parentName?: string;
}

/**
 * The one resource an out-of-band call touched, for a targeted drift check; undefined when the call does
 * not name one precisely (a tag call by ARN alone, a route without its router), and a full check is due.
 */
export function resourceOfApiCall(call: ApiCallTarget): MeshResourceIdentity | undefined {
  const kind = call.resourceKind;
  if (!kind || !isMeshResourceKind(kind)) return undefined;
  if (kind === 'Mesh') return { kind: 'Mesh', meshName: call.meshName, name: call.meshName };
  if (!call.resourceName) return undefined;
  const base = { meshName: call.meshName, name: call.resourceName };
  if (kind === 'Route')
    return call.parentName ? { kind, ...base, virtualRouterName: call.parentName } : undefined;
  if (kind === 'GatewayRoute')
    return call.parentName ? { kind, ...base, virtualGatewayName: call.parentName } : undefined;
  return { kind, ...base };
}
