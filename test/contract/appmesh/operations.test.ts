import {
  CreateGatewayRouteCommand,
  CreateMeshCommand,
  CreateRouteCommand,
  CreateVirtualGatewayCommand,
  CreateVirtualNodeCommand,
  CreateVirtualRouterCommand,
  CreateVirtualServiceCommand,
  DeleteGatewayRouteCommand,
  DeleteMeshCommand,
  DeleteRouteCommand,
  DeleteVirtualGatewayCommand,
  DeleteVirtualNodeCommand,
  DeleteVirtualRouterCommand,
  DeleteVirtualServiceCommand,
  DescribeGatewayRouteCommand,
  DescribeMeshCommand,
  DescribeRouteCommand,
  DescribeVirtualGatewayCommand,
  DescribeVirtualNodeCommand,
  DescribeVirtualRouterCommand,
  DescribeVirtualServiceCommand,
  ListGatewayRoutesCommand,
  ListMeshesCommand,
  ListRoutesCommand,
  ListTagsForResourceCommand,
  ListVirtualGatewaysCommand,
  ListVirtualNodesCommand,
  ListVirtualRoutersCommand,
  ListVirtualServicesCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateGatewayRouteCommand,
  UpdateMeshCommand,
  UpdateRouteCommand,
  UpdateVirtualGatewayCommand,
  UpdateVirtualNodeCommand,
  UpdateVirtualRouterCommand,
  UpdateVirtualServiceCommand,
} from '@aws-sdk/client-app-mesh';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationNames } from '../../../packages/emulators/src/appmesh/model.generated.ts';
import {
  dnsNode,
  type EmulatorFixture,
  errorOf,
  gatewayHttpRoute,
  httpListener,
  httpRoute,
  owner,
  startFixture,
} from './emulator-fixture.ts';

describe('App Mesh emulator through the real SDK: every operation', () => {
  let f: EmulatorFixture;
  beforeAll(async () => {
    f = await startFixture();
  });
  afterAll(() => f.close());

  it('runs a whole mesh lifecycle through all 38 operations with the service-assigned metadata', async () => {
    const c = f.client;
    const meshName = 'shop';
    const mesh = (await c.send(new CreateMeshCommand({ meshName, spec: {} }))).mesh;
    expect(mesh?.metadata?.arn).toBe(`arn:aws:appmesh:us-west-2:${owner}:mesh/shop`);
    expect(mesh?.metadata?.version).toBe(1);
    expect(mesh?.metadata?.createdAt).toBeInstanceOf(Date);
    expect(mesh?.metadata?.lastUpdatedAt).toEqual(mesh?.metadata?.createdAt);
    expect(mesh?.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(mesh?.status?.status).toBe('ACTIVE');
    expect(mesh?.spec).toEqual({});

    const updatedMesh = await c.send(
      new UpdateMeshCommand({ meshName, spec: { egressFilter: { type: 'ALLOW_ALL' } } }),
    );
    expect(updatedMesh.mesh?.metadata?.version).toBe(2);
    expect((await c.send(new DescribeMeshCommand({ meshName }))).mesh?.spec).toEqual({
      egressFilter: { type: 'ALLOW_ALL' },
    });
    expect((await c.send(new ListMeshesCommand({}))).meshes?.map((m) => m.meshName)).toEqual(['shop']);

    const node = await c.send(
      new CreateVirtualNodeCommand({ meshName, virtualNodeName: 'cart-v1', spec: dnsNode('cart.local') }),
    );
    expect(node.virtualNode?.metadata?.arn).toBe(
      `arn:aws:appmesh:us-west-2:${owner}:mesh/shop/virtualNode/cart-v1`,
    );
    await c.send(
      new UpdateVirtualNodeCommand({
        meshName,
        virtualNodeName: 'cart-v1',
        spec: {
          ...dnsNode('cart.local'),
          backends: [{ virtualService: { virtualServiceName: 'db.local' } }],
        },
      }),
    );
    const describedNode = await c.send(
      new DescribeVirtualNodeCommand({ meshName, virtualNodeName: 'cart-v1' }),
    );
    expect(describedNode.virtualNode?.metadata?.version).toBe(2);
    expect(describedNode.virtualNode?.spec?.backends).toHaveLength(1);
    expect((await c.send(new ListVirtualNodesCommand({ meshName }))).virtualNodes).toHaveLength(1);

    await c.send(
      new CreateVirtualRouterCommand({
        meshName,
        virtualRouterName: 'cart-router',
        spec: { listeners: [httpListener(8080)] },
      }),
    );
    await c.send(
      new UpdateVirtualRouterCommand({
        meshName,
        virtualRouterName: 'cart-router',
        spec: { listeners: [httpListener(8080)] },
      }),
    );
    expect(
      (await c.send(new DescribeVirtualRouterCommand({ meshName, virtualRouterName: 'cart-router' })))
        .virtualRouter?.metadata?.version,
    ).toBe(2);
    expect((await c.send(new ListVirtualRoutersCommand({ meshName }))).virtualRouters).toHaveLength(1);

    const route = await c.send(
      new CreateRouteCommand({
        meshName,
        virtualRouterName: 'cart-router',
        routeName: 'all',
        spec: httpRoute([{ virtualNode: 'cart-v1', weight: 100 }]),
      }),
    );
    expect(route.route?.metadata?.arn).toBe(
      `arn:aws:appmesh:us-west-2:${owner}:mesh/shop/virtualRouter/cart-router/route/all`,
    );
    await c.send(
      new UpdateRouteCommand({
        meshName,
        virtualRouterName: 'cart-router',
        routeName: 'all',
        spec: { ...httpRoute([{ virtualNode: 'cart-v1', weight: 50 }]), priority: 10 },
      }),
    );
    const describedRoute = await c.send(
      new DescribeRouteCommand({ meshName, virtualRouterName: 'cart-router', routeName: 'all' }),
    );
    expect(describedRoute.route?.spec?.priority).toBe(10);
    expect(describedRoute.route?.virtualRouterName).toBe('cart-router');
    const routes = await c.send(new ListRoutesCommand({ meshName, virtualRouterName: 'cart-router' }));
    expect(routes.routes?.map((r) => [r.routeName, r.version])).toEqual([['all', 2]]);

    await c.send(
      new CreateVirtualServiceCommand({
        meshName,
        virtualServiceName: 'cart.shop.svc.cluster.local',
        spec: { provider: { virtualRouter: { virtualRouterName: 'cart-router' } } },
      }),
    );
    await c.send(
      new UpdateVirtualServiceCommand({
        meshName,
        virtualServiceName: 'cart.shop.svc.cluster.local',
        spec: { provider: { virtualNode: { virtualNodeName: 'cart-v1' } } },
      }),
    );
    const service = await c.send(
      new DescribeVirtualServiceCommand({ meshName, virtualServiceName: 'cart.shop.svc.cluster.local' }),
    );
    expect(service.virtualService?.spec?.provider?.virtualNode?.virtualNodeName).toBe('cart-v1');
    expect((await c.send(new ListVirtualServicesCommand({ meshName }))).virtualServices).toHaveLength(1);

    await c.send(
      new CreateVirtualGatewayCommand({
        meshName,
        virtualGatewayName: 'ingress',
        spec: { listeners: [httpListener(80)] },
      }),
    );
    await c.send(
      new UpdateVirtualGatewayCommand({
        meshName,
        virtualGatewayName: 'ingress',
        spec: { listeners: [httpListener(8080)] },
      }),
    );
    expect(
      (await c.send(new DescribeVirtualGatewayCommand({ meshName, virtualGatewayName: 'ingress' })))
        .virtualGateway?.spec?.listeners?.[0]?.portMapping?.port,
    ).toBe(8080);
    expect((await c.send(new ListVirtualGatewaysCommand({ meshName }))).virtualGateways).toHaveLength(1);

    await c.send(
      new CreateGatewayRouteCommand({
        meshName,
        virtualGatewayName: 'ingress',
        gatewayRouteName: 'to-cart',
        spec: gatewayHttpRoute('cart.shop.svc.cluster.local'),
      }),
    );
    await c.send(
      new UpdateGatewayRouteCommand({
        meshName,
        virtualGatewayName: 'ingress',
        gatewayRouteName: 'to-cart',
        spec: { ...gatewayHttpRoute('cart.shop.svc.cluster.local', '/cart'), priority: 1 },
      }),
    );
    const gr = await c.send(
      new DescribeGatewayRouteCommand({
        meshName,
        virtualGatewayName: 'ingress',
        gatewayRouteName: 'to-cart',
      }),
    );
    expect(gr.gatewayRoute?.spec?.httpRoute?.match?.prefix).toBe('/cart');
    expect(
      (await c.send(new ListGatewayRoutesCommand({ meshName, virtualGatewayName: 'ingress' }))).gatewayRoutes,
    ).toHaveLength(1);

    const arn = node.virtualNode?.metadata?.arn as string;
    await c.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'team', value: 'cart' }] }));
    expect((await c.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual([
      { key: 'team', value: 'cart' },
    ]);
    await c.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['team'] }));
    expect((await c.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual([]);

    // Reverse dependency order; each delete answers the resource as it was, marked DELETED.
    const deletedGr = await c.send(
      new DeleteGatewayRouteCommand({ meshName, virtualGatewayName: 'ingress', gatewayRouteName: 'to-cart' }),
    );
    expect(deletedGr.gatewayRoute?.status?.status).toBe('DELETED');
    await c.send(new DeleteVirtualGatewayCommand({ meshName, virtualGatewayName: 'ingress' }));
    await c.send(
      new DeleteVirtualServiceCommand({ meshName, virtualServiceName: 'cart.shop.svc.cluster.local' }),
    );
    await c.send(new DeleteRouteCommand({ meshName, virtualRouterName: 'cart-router', routeName: 'all' }));
    await c.send(new DeleteVirtualRouterCommand({ meshName, virtualRouterName: 'cart-router' }));
    const deletedNode = await c.send(new DeleteVirtualNodeCommand({ meshName, virtualNodeName: 'cart-v1' }));
    expect(deletedNode.virtualNode?.metadata?.version).toBe(2);
    const deletedMesh = await c.send(new DeleteMeshCommand({ meshName }));
    expect(deletedMesh.mesh?.status?.status).toBe('DELETED');
    expect(deletedMesh.mesh?.metadata?.version).toBe(2);
    expect(deletedMesh.mesh?.metadata?.lastUpdatedAt?.getTime()).toBeGreaterThanOrEqual(
      updatedMesh.mesh?.metadata?.lastUpdatedAt?.getTime() as number,
    );
    expect((await errorOf(() => c.send(new DescribeMeshCommand({ meshName })))).name).toBe(
      'NotFoundException',
    );

    const called = new Set(
      f.handle.calls.filter((call) => call.status === 200).map((call) => call.operation),
    );
    expect([...operationNames].filter((op) => !called.has(op))).toEqual([]);
  });

  it('gives a re-created resource a new uid and starts it again at version 1', async () => {
    const c = f.client;
    const first = await c.send(new CreateMeshCommand({ meshName: 'again' }));
    await c.send(new UpdateMeshCommand({ meshName: 'again', spec: {} }));
    await c.send(new DeleteMeshCommand({ meshName: 'again' }));
    const second = await c.send(new CreateMeshCommand({ meshName: 'again' }));
    expect(second.mesh?.metadata?.uid).not.toBe(first.mesh?.metadata?.uid);
    expect(second.mesh?.metadata?.version).toBe(1);
    await c.send(new DeleteMeshCommand({ meshName: 'again' }));
  });

  it('answers with bare resource bodies, epoch-second timestamps and typed error headers on the wire', async () => {
    const put = await fetch(`${f.handle.endpoint}/v20190125/meshes`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ meshName: 'wire' }),
    });
    const body = (await put.json()) as { meshName: string; metadata: { createdAt: unknown } };
    expect(body.meshName).toBe('wire');
    expect(typeof body.metadata.createdAt).toBe('number');
    const missing = await fetch(`${f.handle.endpoint}/v20190125/meshes/nothing-here`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-amzn-errortype')).toBe('NotFoundException');
    expect(((await missing.json()) as { message: string }).message).toContain('nothing-here');
    await f.client.send(new DeleteMeshCommand({ meshName: 'wire' }));
  });
});
