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
  DescribeVirtualNodeCommand,
} from '@aws-sdk/client-app-mesh';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  dnsNode,
  type EmulatorFixture,
  errorOf,
  gatewayHttpRoute,
  httpListener,
  httpRoute,
  startFixture,
} from './emulator-fixture.ts';

const meshName = 'rules';

describe('App Mesh emulator deletion rules (ResourceInUse, §6)', () => {
  let f: EmulatorFixture;
  beforeEach(async () => {
    f = await startFixture();
    await f.client.send(new CreateMeshCommand({ meshName }));
  });
  afterEach(() => f.close());

  const inUse = async (fn: () => Promise<unknown>, message: RegExp) => {
    const error = await errorOf(fn);
    expect(error.name).toBe('ResourceInUseException');
    expect(error.$metadata.httpStatusCode).toBe(409);
    expect(error.message).toMatch(message);
  };

  it.each([
    [
      'virtual node',
      () => new CreateVirtualNodeCommand({ meshName, virtualNodeName: 'n', spec: {} }),
      /VirtualNodes/,
    ],
    [
      'virtual router',
      () => new CreateVirtualRouterCommand({ meshName, virtualRouterName: 'r', spec: { listeners: [] } }),
      /VirtualRouters/,
    ],
    [
      'virtual service',
      () => new CreateVirtualServiceCommand({ meshName, virtualServiceName: 's', spec: {} }),
      /VirtualServices/,
    ],
    [
      'virtual gateway',
      () =>
        new CreateVirtualGatewayCommand({
          meshName,
          virtualGatewayName: 'g',
          spec: { listeners: [httpListener(80)] },
        }),
      /VirtualGateways/,
    ],
  ] as const)('refuses to delete a mesh that still has a %s', async (_kind, create, message) => {
    await f.client.send(create() as never);
    await inUse(() => f.client.send(new DeleteMeshCommand({ meshName })), message);
  });

  it('lets a mesh with no children go, when the gateway rule is switched off gateways do not block it', async () => {
    f.handle.knobs.behaviours.gatewaysBlockMeshDelete = false;
    await f.client.send(
      new CreateVirtualGatewayCommand({
        meshName,
        virtualGatewayName: 'g',
        spec: { listeners: [httpListener(80)] },
      }),
    );
    const deleted = await f.client.send(new DeleteMeshCommand({ meshName }));
    expect(deleted.mesh?.status?.status).toBe('DELETED');
  });

  it('refuses to delete a virtual node that a route targets, then allows it once the route is gone', async () => {
    await f.client.send(
      new CreateVirtualNodeCommand({ meshName, virtualNodeName: 'n', spec: dnsNode('n.local') }),
    );
    await f.client.send(
      new CreateVirtualRouterCommand({
        meshName,
        virtualRouterName: 'r',
        spec: { listeners: [httpListener(8080)] },
      }),
    );
    await f.client.send(
      new CreateRouteCommand({
        meshName,
        virtualRouterName: 'r',
        routeName: 'rt',
        spec: httpRoute([{ virtualNode: 'n', weight: 1 }]),
      }),
    );
    await inUse(
      () => f.client.send(new DeleteVirtualNodeCommand({ meshName, virtualNodeName: 'n' })),
      /target of one or more routes/,
    );
    await f.client.send(new DeleteRouteCommand({ meshName, virtualRouterName: 'r', routeName: 'rt' }));
    await f.client.send(new DeleteVirtualNodeCommand({ meshName, virtualNodeName: 'n' }));
    const gone = await errorOf(() =>
      f.client.send(new DescribeVirtualNodeCommand({ meshName, virtualNodeName: 'n' })),
    );
    expect(gone.name).toBe('NotFoundException');
  });

  it('refuses to delete a virtual node that provides a virtual service', async () => {
    await f.client.send(new CreateVirtualNodeCommand({ meshName, virtualNodeName: 'n', spec: {} }));
    await f.client.send(
      new CreateVirtualServiceCommand({
        meshName,
        virtualServiceName: 's',
        spec: { provider: { virtualNode: { virtualNodeName: 'n' } } },
      }),
    );
    await inUse(
      () => f.client.send(new DeleteVirtualNodeCommand({ meshName, virtualNodeName: 'n' })),
      /provider/,
    );
  });

  it('refuses to delete a virtual router that has routes or provides a virtual service', async () => {
    await f.client.send(new CreateVirtualNodeCommand({ meshName, virtualNodeName: 'n', spec: {} }));
    await f.client.send(
      new CreateVirtualRouterCommand({
        meshName,
        virtualRouterName: 'r',
        spec: { listeners: [httpListener(8080)] },
      }),
    );
    await f.client.send(
      new CreateRouteCommand({
        meshName,
        virtualRouterName: 'r',
        routeName: 'rt',
        spec: httpRoute([{ virtualNode: 'n', weight: 1 }]),
      }),
    );
    await inUse(
      () => f.client.send(new DeleteVirtualRouterCommand({ meshName, virtualRouterName: 'r' })),
      /Routes/,
    );
    await f.client.send(new DeleteRouteCommand({ meshName, virtualRouterName: 'r', routeName: 'rt' }));
    await f.client.send(
      new CreateVirtualServiceCommand({
        meshName,
        virtualServiceName: 's',
        spec: { provider: { virtualRouter: { virtualRouterName: 'r' } } },
      }),
    );
    await inUse(
      () => f.client.send(new DeleteVirtualRouterCommand({ meshName, virtualRouterName: 'r' })),
      /VirtualService provider/,
    );
  });

  it('refuses to delete a virtual service a gateway route targets, and a gateway that has gateway routes', async () => {
    await f.client.send(new CreateVirtualServiceCommand({ meshName, virtualServiceName: 's', spec: {} }));
    await f.client.send(
      new CreateVirtualGatewayCommand({
        meshName,
        virtualGatewayName: 'g',
        spec: { listeners: [httpListener(80)] },
      }),
    );
    await f.client.send(
      new CreateGatewayRouteCommand({
        meshName,
        virtualGatewayName: 'g',
        gatewayRouteName: 'gr',
        spec: gatewayHttpRoute('s'),
      }),
    );
    await inUse(
      () => f.client.send(new DeleteVirtualServiceCommand({ meshName, virtualServiceName: 's' })),
      /GATEWAY_ROUTE/,
    );
    await inUse(
      () => f.client.send(new DeleteVirtualGatewayCommand({ meshName, virtualGatewayName: 'g' })),
      /GatewayRoutes/,
    );
    await f.client.send(
      new DeleteGatewayRouteCommand({ meshName, virtualGatewayName: 'g', gatewayRouteName: 'gr' }),
    );
    await f.client.send(new DeleteVirtualServiceCommand({ meshName, virtualServiceName: 's' }));
    await f.client.send(new DeleteVirtualGatewayCommand({ meshName, virtualGatewayName: 'g' }));
  });

  it('does not let a virtual node backend block deleting the virtual service it names', async () => {
    await f.client.send(new CreateVirtualServiceCommand({ meshName, virtualServiceName: 's', spec: {} }));
    await f.client.send(
      new CreateVirtualNodeCommand({
        meshName,
        virtualNodeName: 'n',
        spec: { backends: [{ virtualService: { virtualServiceName: 's' } }] },
      }),
    );
    const deleted = await f.client.send(
      new DeleteVirtualServiceCommand({ meshName, virtualServiceName: 's' }),
    );
    expect(deleted.virtualService?.status?.status).toBe('DELETED');
  });
});
