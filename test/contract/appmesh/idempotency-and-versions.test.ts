import {
  CreateMeshCommand,
  CreateVirtualNodeCommand,
  DeleteVirtualNodeCommand,
  DescribeMeshCommand,
  DescribeVirtualNodeCommand,
  ListMeshesCommand,
  UpdateMeshCommand,
  UpdateVirtualNodeCommand,
} from '@aws-sdk/client-app-mesh';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dnsNode, type EmulatorFixture, errorOf, startFixture } from './emulator-fixture.ts';

const meshName = 'idem';

describe('App Mesh emulator clientToken idempotency and versions (§11)', () => {
  let f: EmulatorFixture;
  beforeEach(async () => {
    f = await startFixture();
  });
  afterEach(() => f.close());

  it('returns the original result for a replayed create instead of a duplicate-name conflict', async () => {
    const first = await f.client.send(new CreateMeshCommand({ meshName, clientToken: 'create-1' }));
    const replay = await f.client.send(new CreateMeshCommand({ meshName, clientToken: 'create-1' }));
    expect(replay.mesh).toEqual(first.mesh);
    expect((await f.client.send(new ListMeshesCommand({}))).meshes).toHaveLength(1);
  });

  it('returns the original result for a replayed update without bumping the version again', async () => {
    await f.client.send(new CreateMeshCommand({ meshName }));
    await f.client.send(
      new CreateVirtualNodeCommand({ meshName, virtualNodeName: 'n', spec: dnsNode('a.local') }),
    );
    const update = new UpdateVirtualNodeCommand({
      meshName,
      virtualNodeName: 'n',
      spec: dnsNode('b.local'),
      clientToken: 'upd-1',
    });
    const first = await f.client.send(update);
    const replay = await f.client.send(update);
    expect(first.virtualNode?.metadata?.version).toBe(2);
    expect(replay.virtualNode).toEqual(first.virtualNode);
    const now = await f.client.send(new DescribeVirtualNodeCommand({ meshName, virtualNodeName: 'n' }));
    expect(now.virtualNode?.metadata?.version).toBe(2);
  });

  it('treats the same token on another resource as a new request', async () => {
    await f.client.send(new CreateMeshCommand({ meshName: 'a', clientToken: 'shared' }));
    const b = await f.client.send(new CreateMeshCommand({ meshName: 'b', clientToken: 'shared' }));
    expect(b.mesh?.meshName).toBe('b');
  });

  it('rejects a token reused with different parameters with Conflict', async () => {
    await f.client.send(new CreateMeshCommand({ meshName, clientToken: 'c' }));
    const error = await errorOf(() =>
      f.client.send(
        new CreateMeshCommand({ meshName, clientToken: 'c', spec: { egressFilter: { type: 'DROP_ALL' } } }),
      ),
    );
    expect(error.name).toBe('ConflictException');
  });

  it('gives the SDK retry of a committed write whose response failed the original success, not a conflict', async () => {
    f.handle.knobs.faults.CreateMesh = {
      errorType: 'ServiceUnavailableException',
      times: 1,
      afterCommit: true,
    };
    const retrying = f.clientAs(f.handle.accountId, 3);
    const created = await retrying.send(new CreateMeshCommand({ meshName }));
    expect(created.mesh?.metadata?.version).toBe(1);
    expect(created.$metadata.attempts).toBe(2);
    const calls = f.handle.calls.filter((c) => c.operation === 'CreateMesh');
    expect(calls.map((c) => c.status)).toEqual([503, 200]);
    expect(calls[0]?.input.clientToken).toBe(calls[1]?.input.clientToken);
  });

  it('starts at version 1, adds one per update, keeps createdAt and moves lastUpdatedAt', async () => {
    const created = await f.client.send(new CreateMeshCommand({ meshName }));
    await new Promise((r) => setTimeout(r, 5));
    await f.client.send(new UpdateMeshCommand({ meshName, spec: {} }));
    const second = await f.client.send(new UpdateMeshCommand({ meshName, spec: {} }));
    expect(second.mesh?.metadata?.version).toBe(3);
    expect(second.mesh?.metadata?.createdAt).toEqual(created.mesh?.metadata?.createdAt);
    expect(second.mesh?.metadata?.lastUpdatedAt?.getTime()).toBeGreaterThan(
      created.mesh?.metadata?.createdAt?.getTime() as number,
    );
  });

  it('leaves the version alone on an update that changes nothing when that behaviour is switched off', async () => {
    f.handle.knobs.behaviours.bumpVersionOnNoopUpdate = false;
    await f.client.send(new CreateMeshCommand({ meshName, spec: {} }));
    const same = await f.client.send(new UpdateMeshCommand({ meshName, spec: {} }));
    expect(same.mesh?.metadata?.version).toBe(1);
  });

  it('replaces the mesh spec with {} on an UpdateMesh without spec, or keeps it when switched', async () => {
    await f.client.send(new CreateMeshCommand({ meshName, spec: { egressFilter: { type: 'ALLOW_ALL' } } }));
    f.handle.knobs.behaviours.updateMeshWithoutSpec = 'keep';
    await f.client.send(new UpdateMeshCommand({ meshName }));
    expect((await f.client.send(new DescribeMeshCommand({ meshName }))).mesh?.spec).toEqual({
      egressFilter: { type: 'ALLOW_ALL' },
    });
    f.handle.knobs.behaviours.updateMeshWithoutSpec = 'replace';
    await f.client.send(new UpdateMeshCommand({ meshName }));
    expect((await f.client.send(new DescribeMeshCommand({ meshName }))).mesh?.spec).toEqual({});
  });

  it('keeps the version on delete unless the delete-bumps-version behaviour is on', async () => {
    await f.client.send(new CreateMeshCommand({ meshName }));
    await f.client.send(new CreateVirtualNodeCommand({ meshName, virtualNodeName: 'a', spec: {} }));
    await f.client.send(new CreateVirtualNodeCommand({ meshName, virtualNodeName: 'b', spec: {} }));
    const a = await f.client.send(new DeleteVirtualNodeCommand({ meshName, virtualNodeName: 'a' }));
    expect(a.virtualNode?.metadata?.version).toBe(1);
    f.handle.knobs.behaviours.deleteBumpsVersion = true;
    const b = await f.client.send(new DeleteVirtualNodeCommand({ meshName, virtualNodeName: 'b' }));
    expect(b.virtualNode?.metadata?.version).toBe(2);
  });
});
