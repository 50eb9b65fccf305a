/**
 * The adapter contract (`@meshcd/core/ports`): the ports an adapter implements and the types their methods
 * take and give. Kept apart from the package index, which holds what the use cases' callers need, so an
 * adapter names a port's types directly instead of deriving them from its methods.
 */

export type { LatticeTarget } from '../lattice/lattice-resource.ts';
export type { ObservedMeshResource } from '../observe/observed-mesh-resource.ts';
export type {
  AcquireOptions,
  LeaseAcquisition,
  LeaseRelease,
  LeaseSettlement,
} from '../state/target-lease.ts';
export type { CloudMapApi, CloudMapHealth, CloudMapNamespace, CloudMapService } from './cloud-map-api.ts';
export type { ClusterApi, KubeLiveObject, KubeObjectRef } from './cluster-api.ts';
export type { LatticeApi, ObservedLatticeResource } from './lattice-api.ts';
export type { MeshApi } from './mesh-api.ts';
