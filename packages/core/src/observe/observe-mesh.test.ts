import { describe, expect, it } from 'vitest';
import type { DesiredMeshResource } from '../desired/desired-state.ts';
import type { MeshApi } from '../ports/mesh-api.ts';
import { observeMesh } from './observe-mesh.ts';
import type { ObservedMeshResource } from './observed-mesh-resource.ts';

const us = '111122223333';
const owner = '444455556666';
const source = {
  ref: { apiVersion: 'appmesh.k8s.aws/v1beta2', kind: 'X', name: 'x' },
  location: { file: 'a.yaml', line: 1, column: 1 },
};
const desired = (kind: 'Mesh' | 'VirtualNode', name: string): DesiredMeshResource => ({
  kind,
  key: `appmesh:shared/${kind}/${name}`,
  meshName: 'shared',
  meshOwner: owner,
  name,
  spec: {},
  source,
  dependsOn: [],
});
const listed = (kind: 'Mesh' | 'VirtualNode', name: string, resourceOwner: string): ObservedMeshResource => ({
  kind,
  key: `appmesh:shared/${kind}/${name}`,
  meshName: 'shared',
  name,
  arn: `arn:aws:appmesh:us-west-2:${owner}:mesh/shared${kind === 'Mesh' ? '' : `/virtualNode/${name}`}`,
  version: 1,
  meshOwner: owner,
  resourceOwner,
});

/** A MeshApi over fixed List results that records which resources were described or had tags read. */
function fakeApi(resources: ObservedMeshResource[]) {
  const reads: string[] = [];
  const api: MeshApi = {
    listMeshes: async () => resources.filter((r) => r.kind === 'Mesh'),
    listMeshResources: async () => resources.filter((r) => r.kind !== 'Mesh'),
    describe: async (r) => {
      reads.push(`describe ${r.name}`);
      return { ...r, spec: {} };
    },
    listTags: async (arn) => {
      reads.push(`tags ${arn.split('/').at(-1)}`);
      return {};
    },
    tag: async () => {},
    create: async () => {
      throw new Error('not expected');
    },
    update: async () => {
      throw new Error('not expected');
    },
    delete: async () => {},
  };
  return { api, reads };
}

describe('observeMesh', () => {
  it("reads neither spec nor tags of another account's resources in a mesh shared with us", async () => {
    const { api, reads } = fakeApi([
      listed('Mesh', 'shared', owner),
      listed('VirtualNode', 'theirs', owner),
      listed('VirtualNode', 'mine', us),
    ]);
    const observed = await observeMesh(
      api,
      [desired('Mesh', 'shared'), desired('VirtualNode', 'theirs'), desired('VirtualNode', 'mine')],
      [],
      { accountId: us },
    );
    expect(reads.sort()).toEqual(['describe mine', 'tags mine']);
    expect(observed.map((o) => o.name).sort()).toEqual(['mine', 'shared', 'theirs']);
  });
});
