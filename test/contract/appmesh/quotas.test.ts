import {
  CreateGatewayRouteCommand,
  CreateMeshCommand,
  CreateRouteCommand,
  CreateVirtualGatewayCommand,
  CreateVirtualNodeCommand,
  CreateVirtualRouterCommand,
  CreateVirtualServiceCommand,
  DeleteMeshCommand,
  UpdateVirtualNodeCommand,
} from '@aws-sdk/client-app-mesh';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultQuotas } from '../../../packages/emulators/src/appmesh/index.ts';
import {
  dnsNode,
  type EmulatorFixture,
  errorOf,
  gatewayHttpRoute,
  httpListener,
  httpRoute,
  startFixture,
} from './emulator-fixture.ts';

const meshName = 'q';
const backends = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ virtualService: { virtualServiceName: `svc-${i}.local` } }));

describe('App Mesh emulator quotas (§12)', () => {
  let f: EmulatorFixture;
  afterEach(() => f.close());

  const limitExceeded = async (fn: () => Promise<unknown>, quota: RegExp) => {
    const error = await errorOf(fn);
    expect(error.name).toBe('LimitExceededException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toMatch(quota);
  };

  it('stops the sixteenth mesh of an account at the documented default of 15', async () => {
    f = await startFixture();
    for (let i = 0; i < defaultQuotas.meshesPerAccount; i++)
      await f.client.send(new CreateMeshCommand({ meshName: `m${String(i).padStart(2, '0')}` }));
    await limitExceeded(
      () => f.client.send(new CreateMeshCommand({ meshName: 'one-too-many' })),
      /Meshes per account limit of 15/,
    );
    await f.client.send(new DeleteMeshCommand({ meshName: 'm00' }));
    await f.client.send(new CreateMeshCommand({ meshName: 'fits-again' }));
  });

  it('stops the fourth virtual gateway of a mesh at the documented default of 3', async () => {
    f = await startFixture();
    await f.client.send(new CreateMeshCommand({ meshName }));
    for (const g of ['a', 'b', 'c'])
      await f.client.send(
        new CreateVirtualGatewayCommand({
          meshName,
          virtualGatewayName: g,
          spec: { listeners: [httpListener(80)] },
        }),
      );
    await limitExceeded(
      () =>
        f.client.send(
          new CreateVirtualGatewayCommand({
            meshName,
            virtualGatewayName: 'd',
            spec: { listeners: [httpListener(80)] },
          }),
        ),
      /Virtual gateways per mesh/,
    );
  });

  it('refuses a virtual node with more backends than the documented default of 50, on create and on update', async () => {
    f = await startFixture();
    await f.client.send(new CreateMeshCommand({ meshName }));
    await f.client.send(
      new CreateVirtualNodeCommand({ meshName, virtualNodeName: 'n', spec: { backends: backends(50) } }),
    );
    await limitExceeded(
      () =>
        f.client.send(
          new CreateVirtualNodeCommand({ meshName, virtualNodeName: 'm', spec: { backends: backends(51) } }),
        ),
      /Backends per virtual node/,
    );
    await limitExceeded(
      () =>
        f.client.send(
          new UpdateVirtualNodeCommand({ meshName, virtualNodeName: 'n', spec: { backends: backends(51) } }),
        ),
      /Backends per virtual node/,
    );
  });

  it('enforces every per-mesh and per-parent quota at the limit a test configures', async () => {
    f = await startFixture({
      knobs: {
        quotas: {
          ...defaultQuotas,
          virtualNodesPerMesh: 1,
          virtualRoutersPerMesh: 1,
          virtualServicesPerMesh: 1,
          routesPerVirtualRouter: 1,
          gatewayRoutesPerVirtualGateway: 1,
        },
      },
    });
    const c = f.client;
    await c.send(new CreateMeshCommand({ meshName }));
    await c.send(
      new CreateVirtualNodeCommand({ meshName, virtualNodeName: 'n1', spec: dnsNode('n1.local') }),
    );
    await limitExceeded(
      () => c.send(new CreateVirtualNodeCommand({ meshName, virtualNodeName: 'n2', spec: {} })),
      /Virtual nodes per mesh limit of 1/,
    );
    await c.send(
      new CreateVirtualRouterCommand({
        meshName,
        virtualRouterName: 'r1',
        spec: { listeners: [httpListener(8080)] },
      }),
    );
    await limitExceeded(
      () =>
        c.send(
          new CreateVirtualRouterCommand({ meshName, virtualRouterName: 'r2', spec: { listeners: [] } }),
        ),
      /Virtual routers per mesh/,
    );
    const route = (routeName: string) =>
      new CreateRouteCommand({
        meshName,
        virtualRouterName: 'r1',
        routeName,
        spec: httpRoute([{ virtualNode: 'n1', weight: 1 }]),
      });
    await c.send(route('rt1'));
    await limitExceeded(() => c.send(route('rt2')), /Routes per virtual router/);
    await c.send(new CreateVirtualServiceCommand({ meshName, virtualServiceName: 's1', spec: {} }));
    await limitExceeded(
      () => c.send(new CreateVirtualServiceCommand({ meshName, virtualServiceName: 's2', spec: {} })),
      /Virtual services per mesh/,
    );
    await c.send(
      new CreateVirtualGatewayCommand({
        meshName,
        virtualGatewayName: 'g',
        spec: { listeners: [httpListener(80)] },
      }),
    );
    const gatewayRoute = (gatewayRouteName: string) =>
      new CreateGatewayRouteCommand({
        meshName,
        virtualGatewayName: 'g',
        gatewayRouteName,
        spec: gatewayHttpRoute('s1'),
      });
    await c.send(gatewayRoute('gr1'));
    await limitExceeded(() => c.send(gatewayRoute('gr2')), /Gateway routes per virtual gateway/);
  });

  it('is retried by the SDK as throttling, so a default client sends a quota-breaking create three times', async () => {
    f = await startFixture({ knobs: { quotas: { ...defaultQuotas, meshesPerAccount: 0 } } });
    const retrying = f.clientAs(f.handle.accountId, 3);
    const error = await errorOf(() => retrying.send(new CreateMeshCommand({ meshName: 'x' })));
    expect(error.name).toBe('LimitExceededException');
    expect(f.handle.calls.filter((c) => c.operation === 'CreateMesh')).toHaveLength(3);
  });
});
