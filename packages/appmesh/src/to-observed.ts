import type { MeshResourceKind } from '@meshcd/core';
import { meshResourceKey } from '@meshcd/core';
import type { ObservedMeshResource } from '@meshcd/core/ports';

/** The port's own types, as its methods take and return them. */

interface RefLike {
  meshName?: string;
  arn?: string;
  version?: number;
  uid?: string;
  createdAt?: Date | number | string;
  meshOwner?: string;
  resourceOwner?: string;
  virtualRouterName?: string;
  virtualGatewayName?: string;
}

/** An App Mesh list item (`<X>Ref`) or data object (`<X>Data`) as the engine's observation. */
export function toObserved(
  kind: MeshResourceKind,
  name: string,
  ref: RefLike,
  spec?: unknown,
): ObservedMeshResource {
  const identity = {
    kind,
    meshName: ref.meshName ?? name,
    name,
    virtualRouterName: ref.virtualRouterName || undefined,
    virtualGatewayName: ref.virtualGatewayName || undefined,
  };
  return {
    ...identity,
    key: meshResourceKey(identity),
    arn: ref.arn ?? '',
    version: ref.version ?? 0,
    meshOwner: ref.meshOwner ?? '',
    resourceOwner: ref.resourceOwner ?? '',
    createdAt: ref.createdAt === undefined ? undefined : isoTime(ref.createdAt),
    uid: ref.uid || undefined,
    spec,
  };
}

/** The SDK parses timestamps into Dates; epoch seconds or strings are accepted for hand-built refs. */
const isoTime = (t: Date | number | string): string =>
  (t instanceof Date ? t : new Date(typeof t === 'number' ? t * 1000 : t)).toISOString();

/** The name member of a `<X>Data` or `<X>Ref` for a kind. */
export const nameOf = (kind: MeshResourceKind, data: Record<string, unknown>): string =>
  String(
    data[
      {
        Mesh: 'meshName',
        VirtualNode: 'virtualNodeName',
        VirtualRouter: 'virtualRouterName',
        Route: 'routeName',
        VirtualService: 'virtualServiceName',
        VirtualGateway: 'virtualGatewayName',
        GatewayRoute: 'gatewayRouteName',
      }[kind]
    ],
  );
