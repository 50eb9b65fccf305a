import type { DesiredMesh } from '../desired/desired-state.ts';
import { latticeResourceKey } from '../provider/lattice-resource-key.ts';
import { latticeName } from './lattice-name.ts';
import type { LatticeOptions } from './lattice-options.ts';
import type { Translation } from './translation.ts';

/**
 * The mesh a cluster VPC joins (spec §4.1 #1): a VPC joins one service network by association, so with several
 * meshes the target chooses, else the first by name.
 */
export function associatedMeshName(
  meshes: readonly DesiredMesh[],
  options: LatticeOptions,
): string | undefined {
  if (options.associatedMesh && meshes.some((m) => m.name === options.associatedMesh))
    return options.associatedMesh;
  return [...meshes].map((m) => m.name).sort()[0];
}

/** Each Mesh → a service network; the associated one also gets the cluster VPC's association. */
export function translateMeshes(
  t: Translation,
  meshes: readonly DesiredMesh[],
  options: LatticeOptions,
): Map<string, { key: string; name: string }> {
  const networks = new Map<string, { key: string; name: string }>();
  const associated = associatedMeshName(meshes, options);
  for (const mesh of meshes) {
    const name = latticeName('ServiceNetwork', mesh.name);
    const key = latticeResourceKey({ kind: 'ServiceNetwork', name });
    networks.set(mesh.name, { key, name });
    // Service networks stay open: access control, when asked for, is per service (AWS_IAM + auth policies).
    t.add(
      {
        kind: 'ServiceNetwork',
        key,
        name,
        spec: { authType: 'NONE' },
        tags: t.tags(mesh.source),
        source: mesh.source,
        dependsOn: [],
      },
      mesh.source,
    );
    if (name !== mesh.name)
      t.note(mesh.source, {
        row: 'mesh.name',
        path: ['metadata', 'name'],
        detail: `${mesh.name} becomes ${name}`,
      });
    if (mesh.name === associated) {
      const vpcKey = latticeResourceKey({
        kind: 'ServiceNetworkVpcAssociation',
        serviceNetworkName: name,
        vpcId: options.vpcId,
      });
      t.add(
        {
          kind: 'ServiceNetworkVpcAssociation',
          key: vpcKey,
          name: `${name}/${options.vpcId}`,
          spec: {
            serviceNetworkKey: key,
            vpcIdentifier: options.vpcId,
            securityGroupIds: options.securityGroupIds?.length ? options.securityGroupIds : undefined,
          },
          tags: t.tags(mesh.source),
          source: mesh.source,
          dependsOn: [key],
        },
        mesh.source,
      );
    } else {
      t.note(mesh.source, {
        row: 'mesh.otherVpcAssociation',
        path: [],
        detail: `the cluster VPC joins ${associated}'s network, so ${mesh.name}'s services are not reachable from it`,
      });
    }
    const s = mesh.spec;
    if (s.egressFilter?.type === 'DROP_ALL')
      t.note(mesh.source, {
        row: 'mesh.egressFilter.dropAll',
        path: ['spec', 'egressFilter', 'type'],
        detail: 'egress DROP_ALL',
      });
    if (s.serviceDiscovery?.ipPreference)
      t.note(mesh.source, {
        row: 'mesh.ipPreference',
        path: ['spec', 'meshServiceDiscovery', 'ipPreference'],
        detail: `ipPreference ${s.serviceDiscovery.ipPreference}`,
      });
    if (mesh.meshOwner)
      t.note(mesh.source, {
        row: 'mesh.meshOwner',
        path: ['spec', 'meshOwner'],
        detail: `mesh owned by account ${mesh.meshOwner}`,
      });
  }
  return networks;
}
