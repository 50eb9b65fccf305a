import type { MeshSpec } from '@aws-sdk/client-app-mesh';
import type { MeshCrdSpec } from '../../manifests/schemas/mesh.ts';
import { defined } from './convert-common.ts';

/**
 * Mesh spec. The controller's webhook rewrites ipPreference from the cluster's IP family; meshcd has no cluster
 * at this point and keeps what the manifest says, so Git stays the single source of the value.
 */
export function convertMesh(spec: MeshCrdSpec): MeshSpec {
  return defined({
    egressFilter: spec.egressFilter ? { type: spec.egressFilter.type } : undefined,
    serviceDiscovery: spec.meshServiceDiscovery
      ? defined({ ipPreference: spec.meshServiceDiscovery.ipPreference })
      : undefined,
  });
}
