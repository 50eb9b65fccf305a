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
    const { observed } = await observeMesh(
      api,
      [desired('Mesh', 'shared'), desired('VirtualNode', 'theirs'), desired('VirtualNode', 'mine')],
      [],
      { accountId: us },
    );
    expect(reads.sort()).toEqual(['describe mine', 'tags mine']);
    expect(observed.map((o) => o.name).sort()).toEqual(['mine', 'shared', 'theirs']);
  });

  const failingList = (api: MeshApi): MeshApi => ({
    ...api,
    listMeshResources: async () => {
      throw new Error('throttled');
    },
  });

  it('fails the whole observation when a mesh cannot be listed, so nothing is planned from a partial view', async () => {
    const { api } = fakeApi([listed('Mesh', 'shared', owner)]);
    await expect(observeMesh(failingList(api), [desired('Mesh', 'shared')], [])).rejects.toThrow('throttled');
  });

  it('records a mesh it cannot list as unobservable when failures are recorded (drift)', async () => {
    const { api } = fakeApi([listed('Mesh', 'shared', owner), listed('VirtualNode', 'mine', us)]);
    const observation = await observeMesh(failingList(api), [desired('Mesh', 'shared')], [], {
      failures: 'record',
    });
    expect([...observation.unobservable.meshes]).toEqual([['shared', 'throttled']]);
    expect(observation.observed.map((o) => o.name)).toEqual(['shared']);
  });

  it('describes resources nobody wants only when asked to (the report draws them)', async () => {
    const resources = [listed('Mesh', 'shared', us), listed('VirtualNode', 'stranger', us)];
    const plain = fakeApi(resources);
    await observeMesh(plain.api, [desired('Mesh', 'shared')], [], { accountId: us });
    const drawn = fakeApi(resources);
    await observeMesh(drawn.api, [desired('Mesh', 'shared')], [], { describeUnmanaged: true });
    expect(plain.reads).not.toContain('describe stranger');
    expect(drawn.reads).toContain('describe stranger');
  });
});
