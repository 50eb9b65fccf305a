import type { MeshResourceKind } from '../desired/desired-state.ts';
import type { PlanAction } from './plan-types.ts';

/**
 * Creates and updates go forward so that what a resource references exists first (route targets,
 * service providers, gateway-route targets); deletes go in reverse, after everything that referenced a
 * doomed resource has been repointed, so App Mesh never answers ResourceInUse. Routes whose listener
 * protocol changes are deleted before their router is updated.
 */
const forward: Record<MeshResourceKind, number> = {
  Mesh: 0,
  VirtualNode: 1,
  VirtualGateway: 1,
  VirtualRouter: 3,
  Route: 4,
  VirtualService: 5,
  GatewayRoute: 6,
};
const reverse: Record<MeshResourceKind, number> = {
  GatewayRoute: 7,
  VirtualService: 8,
  Route: 9,
  VirtualRouter: 10,
  VirtualNode: 11,
  VirtualGateway: 11,
  Mesh: 12,
};
export const taintedRouteWave = 2;

export function waveOf(kind: MeshResourceKind, action: PlanAction): number {
  return action === 'delete' ? reverse[kind] : forward[kind];
}
