import {
  CreateGatewayRouteCommand,
  CreateMeshCommand,
  CreateRouteCommand,
  CreateVirtualGatewayCommand,
  CreateVirtualNodeCommand,
  CreateVirtualRouterCommand,
  CreateVirtualServiceCommand,
  DeleteMeshCommand,
  DeleteVirtualNodeCommand,
  DescribeMeshCommand,
  DescribeVirtualNodeCommand,
  ListMeshesCommand,
  ListTagsForResourceCommand,
  ListVirtualNodesCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateMeshCommand,
  UpdateVirtualNodeCommand,
} from '@aws-sdk/client-app-mesh';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  consumer,
  dnsNode,
  type EmulatorFixture,
  errorOf,
  httpListener,
  httpRoute,
  owner,
  startFixture,
  stranger,
} from './emulator-fixture.ts';

const meshName = 'shared';
const meshOwner = owner;

describe('App Mesh emulator shared meshes: meshOwner, resourceOwner and Forbidden (§10)', () => {
  let f: EmulatorFixture;
  beforeEach(async () => {
    f = await startFixture();
    await f.client.send(new CreateMeshCommand({ meshName }));
    f.handle.shareMesh(meshName, owner, consumer);
  });
  afterEach(() => f.close());

  it('lets a consumer see the shared mesh and create its own resources there, with its own account in their ARNs', async () => {
    const c = f.clientAs(consumer);
    expect((await c.send(new ListMeshesCommand({}))).meshes?.map((m) => [m.meshName, m.meshOwner])).toEqual([
      [meshName, owner],
    ]);
    expect((await c.send(new DescribeMeshCommand({ meshName, meshOwner }))).mesh?.metadata?.meshOwner).toBe(
      owner,
    );
    const node = await c.send(
      new CreateVirtualNodeCommand({ meshName, meshOwner, virtualNodeName: 'c', spec: {} }),
    );
    expect(node.virtualNode?.metadata?.meshOwner).toBe(owner);
    expect(node.virtualNode?.metadata?.resourceOwner).toBe(consumer);
    expect(node.virtualNode?.metadata?.arn).toBe(
      `arn:aws:appmesh:us-west-2:${consumer}:mesh/${meshName}/virtualNode/c`,
    );
  });

  it('lets an owner route to a node a consumer created', async () => {
    await f
      .clientAs(consumer)
      .send(
        new CreateVirtualNodeCommand({ meshName, meshOwner, virtualNodeName: 'c', spec: dnsNode('c.local') }),
      );
    await f.client.send(
      new CreateVirtualRouterCommand({
        meshName,
        virtualRouterName: 'r',
        spec: { listeners: [httpListener(8080)] },
      }),
    );
    const route = await f.client.send(
      new CreateRouteCommand({
        meshName,
        virtualRouterName: 'r',
        routeName: 'x',
        spec: httpRoute([{ virtualNode: 'c', weight: 1 }]),
      }),
    );
    expect(route.route?.metadata?.resourceOwner).toBe(owner);
  });

  it('forbids modifying another account’s resource but lets the mesh owner delete it', async () => {
    await f.client.send(new CreateVirtualNodeCommand({ meshName, virtualNodeName: 'o', spec: {} }));
    await f
      .clientAs(consumer)
      .send(new CreateVirtualNodeCommand({ meshName, meshOwner, virtualNodeName: 'c', spec: {} }));
    const update = await errorOf(() =>
      f
        .clientAs(consumer)
        .send(new UpdateVirtualNodeCommand({ meshName, meshOwner, virtualNodeName: 'o', spec: {} })),
    );
    expect(update.name).toBe('ForbiddenException');
    const del = await errorOf(() =>
      f.clientAs(consumer).send(new DeleteVirtualNodeCommand({ meshName, meshOwner, virtualNodeName: 'o' })),
    );
    expect(del.name).toBe('ForbiddenException');
    const ownerUpdate = await errorOf(() =>
      f.client.send(new UpdateVirtualNodeCommand({ meshName, virtualNodeName: 'c', spec: {} })),
    );
    expect(ownerUpdate.name).toBe('ForbiddenException');
    const deleted = await f.client.send(new DeleteVirtualNodeCommand({ meshName, virtualNodeName: 'c' }));
    expect(deleted.virtualNode?.status?.status).toBe('DELETED');
  });

  it('forbids a consumer gateway routes as well as gateways', async () => {
    await f.client.send(new CreateVirtualServiceCommand({ meshName, virtualServiceName: 's', spec: {} }));
    await f.client.send(
      new CreateVirtualGatewayCommand({
        meshName,
        virtualGatewayName: 'g',
        spec: { listeners: [httpListener(80)] },
      }),
    );
    const error = await errorOf(() =>
      f.clientAs(consumer).send(
        new CreateGatewayRouteCommand({
          meshName,
          meshOwner,
          virtualGatewayName: 'g',
          gatewayRouteName: 'gr',
          spec: {
            httpRoute: {
              match: { prefix: '/' },
              action: { target: { virtualService: { virtualServiceName: 's' } } },
            },
          },
        }),
      ),
    );
    expect(error.name).toBe('ForbiddenException');
  });

  it('hides an unshared mesh from another account as NotFound, or Forbidden when switched', async () => {
    const s = f.clientAs(stranger);
    expect((await errorOf(() => s.send(new ListVirtualNodesCommand({ meshName, meshOwner })))).name).toBe(
      'NotFoundException',
    );
    expect((await s.send(new ListMeshesCommand({}))).meshes).toEqual([]);
    f.handle.knobs.behaviours.unsharedMeshError = 'ForbiddenException';
    expect((await errorOf(() => s.send(new DescribeMeshCommand({ meshName, meshOwner })))).name).toBe(
      'ForbiddenException',
    );
  });

  it('lets only the owner update or delete the mesh: a consumer addresses its own account and finds nothing', async () => {
    const c = f.clientAs(consumer);
    expect((await errorOf(() => c.send(new UpdateMeshCommand({ meshName, spec: {} })))).name).toBe(
      'NotFoundException',
    );
    expect((await errorOf(() => c.send(new DeleteMeshCommand({ meshName })))).name).toBe('NotFoundException');
  });

  it('keeps a consumer’s resources after unsharing, reachable only by the owner', async () => {
    await f
      .clientAs(consumer)
      .send(new CreateVirtualNodeCommand({ meshName, meshOwner, virtualNodeName: 'c', spec: {} }));
    f.handle.unshareMesh(meshName, owner, consumer);
    expect(
      (
        await errorOf(() =>
          f
            .clientAs(consumer)
            .send(new DescribeVirtualNodeCommand({ meshName, meshOwner, virtualNodeName: 'c' })),
        )
      ).name,
    ).toBe('NotFoundException');
    expect(
      (await f.client.send(new DescribeVirtualNodeCommand({ meshName, virtualNodeName: 'c' }))).virtualNode
        ?.metadata?.resourceOwner,
    ).toBe(consumer);
  });

  it('limits tagging to the resources the caller’s account created', async () => {
    const meshArn = `arn:aws:appmesh:us-west-2:${owner}:mesh/${meshName}`;
    const c = f.clientAs(consumer);
    expect((await errorOf(() => c.send(new ListTagsForResourceCommand({ resourceArn: meshArn })))).name).toBe(
      'ForbiddenException',
    );
    expect(
      (
        await errorOf(() =>
          c.send(new TagResourceCommand({ resourceArn: meshArn, tags: [{ key: 'a', value: 'b' }] })),
        )
      ).name,
    ).toBe('ForbiddenException');
    const node = await c.send(
      new CreateVirtualNodeCommand({
        meshName,
        meshOwner,
        virtualNodeName: 'c',
        spec: {},
        tags: [{ key: 'team', value: 'x' }],
      }),
    );
    const arn = node.virtualNode?.metadata?.arn as string;
    expect((await c.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual([
      { key: 'team', value: 'x' },
    ]);
  });
});

describe('App Mesh emulator tags (§9)', () => {
  let f: EmulatorFixture;
  beforeEach(async () => {
    f = await startFixture();
  });
  afterEach(() => f.close());

  it('merges tags, overwriting values of keys already there, and ignores untagging absent keys', async () => {
    const mesh = await f.client.send(
      new CreateMeshCommand({
        meshName: 't',
        tags: [
          { key: 'a', value: '1' },
          { key: 'b', value: '' },
        ],
      }),
    );
    const resourceArn = mesh.mesh?.metadata?.arn as string;
    await f.client.send(
      new TagResourceCommand({
        resourceArn,
        tags: [
          { key: 'a', value: '2' },
          { key: 'c', value: '3' },
        ],
      }),
    );
    await f.client.send(new UntagResourceCommand({ resourceArn, tagKeys: ['c', 'never-there'] }));
    expect((await f.client.send(new ListTagsForResourceCommand({ resourceArn }))).tags).toEqual([
      { key: 'a', value: '2' },
      { key: 'b', value: '' },
    ]);
  });

  it('applies none of a tag request that would pass 50 tags', async () => {
    const mesh = await f.client.send(new CreateMeshCommand({ meshName: 't' }));
    const resourceArn = mesh.mesh?.metadata?.arn as string;
    const tags = (n: number, prefix: string) =>
      Array.from({ length: n }, (_, i) => ({ key: `${prefix}${i}`, value: 'v' }));
    await f.client.send(new TagResourceCommand({ resourceArn, tags: tags(50, 'a') }));
    const error = await errorOf(() =>
      f.client.send(new TagResourceCommand({ resourceArn, tags: tags(1, 'b') })),
    );
    expect(error.name).toBe('TooManyTagsException');
    expect((await f.client.send(new ListTagsForResourceCommand({ resourceArn }))).tags).toHaveLength(50);
  });

  it('answers NotFound for an ARN of no resource, BadRequest for a string that is no App Mesh ARN', async () => {
    const missing = `arn:aws:appmesh:us-west-2:${owner}:mesh/none`;
    expect(
      (await errorOf(() => f.client.send(new ListTagsForResourceCommand({ resourceArn: missing })))).name,
    ).toBe('NotFoundException');
    expect(
      (await errorOf(() => f.client.send(new ListTagsForResourceCommand({ resourceArn: 'not-an-arn' }))))
        .name,
    ).toBe('BadRequestException');
  });

  it('drops the tags with the resource, so a re-created resource starts untagged', async () => {
    const mesh = await f.client.send(
      new CreateMeshCommand({ meshName: 't', tags: [{ key: 'a', value: '1' }] }),
    );
    await f.client.send(new DeleteMeshCommand({ meshName: 't' }));
    await f.client.send(new CreateMeshCommand({ meshName: 't' }));
    const resourceArn = mesh.mesh?.metadata?.arn as string;
    expect((await f.client.send(new ListTagsForResourceCommand({ resourceArn }))).tags).toEqual([]);
  });
});
