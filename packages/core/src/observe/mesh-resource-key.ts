import type { MeshResourceKind } from '../desired/desired-state.ts';

export interface MeshResourceIdentity {
  kind: MeshResourceKind;
  meshName: string;
  name: string;
  virtualRouterName?: string;
  virtualGatewayName?: string;
}

/**
 * The inventory key of an App Mesh resource: `appmesh:<mesh>/<Kind>/<name>`, with routes and gateway
 * routes under their parent (`appmesh:<mesh>/VirtualRouter/<router>/Route/<route>`).
 */
export function meshResourceKey(id: MeshResourceIdentity): string {
  switch (id.kind) {
    case 'Mesh':
      return `appmesh:${id.meshName}/Mesh/${id.name}`;
    case 'Route':
      return `appmesh:${id.meshName}/VirtualRouter/${id.virtualRouterName}/Route/${id.name}`;
    case 'GatewayRoute':
      return `appmesh:${id.meshName}/VirtualGateway/${id.virtualGatewayName}/GatewayRoute/${id.name}`;
    default:
      return `appmesh:${id.meshName}/${id.kind}/${id.name}`;
  }
}
