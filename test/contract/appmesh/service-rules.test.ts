import {
  CreateGatewayRouteCommand,
  CreateMeshCommand,
  CreateRouteCommand,
  CreateVirtualGatewayCommand,
  CreateVirtualNodeCommand,
  CreateVirtualRouterCommand,
  CreateVirtualServiceCommand,
} from '@aws-sdk/client-app-mesh';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dnsNode,
  type EmulatorFixture,
  errorOf,
  gatewayHttpRoute,
  httpListener,
  httpRoute,
  startFixture,
} from './emulator-fixture.ts';

const meshName = 'svc-rules';

/** Rules the service enforces beyond the model's constraints (§5), each answered as the service would. */
describe('App Mesh emulator service rules', () => {
  let f: EmulatorFixture;
  beforeAll(async () => {
    f = await startFixture();
    const c = f.client;
    await c.send(new CreateMeshCommand({ meshName }));
    await c.send(
      new CreateVirtualNodeCommand({ meshName, virtualNodeName: 'one', spec: dnsNode('one.local') }),
    );
    await c.send(
      new CreateVirtualNodeCommand({
        meshName,
        virtualNodeName: 'two',
        spec: dnsNode('two.local', [8080, 9090]),
      }),
    );
    await c.send(
      new CreateVirtualRouterCommand({
        meshName,
        virtualRouterName: 'multi',
        spec: { listeners: [httpListener(80), httpListener(81)] },
      }),
    );
    await c.send(
      new CreateVirtualRouterCommand({
        meshName,
        virtualRouterName: 'single',
        spec: { listeners: [httpListener(80)] },
      }),
    );
    await c.send(
      new CreateVirtualServiceCommand({
        meshName,
        virtualServiceName: 'svc',
        spec: { provider: { virtualNode: { virtualNodeName: 'two' } } },
      }),
    );
    await c.send(
      new CreateVirtualGatewayCommand({
        meshName,
        virtualGatewayName: 'gw',
        spec: { listeners: [httpListener(80)] },
      }),
    );
  });
  afterAll(() => f.close());

  const rejected = async (command: unknown, type: string, message: RegExp) => {
    const error = await errorOf(() => f.client.send(command as never));
    expect([error.name, error.message]).toEqual([type, expect.stringMatching(message)]);
  };

  it('rejects two backends naming the same virtual service', async () => {
    const backend = { virtualService: { virtualServiceName: 'svc' } };
    await rejected(
      new CreateVirtualNodeCommand({
        meshName,
        virtualNodeName: 'dup',
        spec: { backends: [backend, backend] },
      }),
      'BadRequestException',
      /more than once/,
    );
  });

  it('rejects a connection pool or health check port that does not fit its listener', async () => {
    await rejected(
      new CreateVirtualNodeCommand({
        meshName,
        virtualNodeName: 'pool',
        spec: {
          ...dnsNode('p.local'),
          listeners: [{ ...httpListener(80), connectionPool: { tcp: { maxConnections: 1 } } }],
        },
      }),
      'BadRequestException',
      /connectionPool\.tcp does not match listener protocol http/,
    );
    await rejected(
      new CreateVirtualNodeCommand({
        meshName,
        virtualNodeName: 'hc',
        spec: {
          ...dnsNode('h.local'),
          listeners: [
            {
              ...httpListener(80),
              healthCheck: {
                healthyThreshold: 2,
                unhealthyThreshold: 2,
                intervalMillis: 5000,
                timeoutMillis: 2000,
                protocol: 'http',
                port: 81,
              },
            },
          ],
        },
      }),
      'BadRequestException',
      /healthCheck\.port 81 must match the listener port 80/,
    );
  });

  it('requires a port match on routes of a router with several listeners, and a target port for a node with several', async () => {
    await rejected(
      new CreateRouteCommand({
        meshName,
        virtualRouterName: 'multi',
        routeName: 'r',
        spec: httpRoute([{ virtualNode: 'one', weight: 1 }]),
      }),
      'BadRequestException',
      /port match criteria/,
    );
    await rejected(
      new CreateRouteCommand({
        meshName,
        virtualRouterName: 'single',
        routeName: 'r',
        spec: httpRoute([{ virtualNode: 'two', weight: 1 }]),
      }),
      'BadRequestException',
      /must set a port/,
    );
    const ok = await f.client.send(
      new CreateRouteCommand({
        meshName,
        virtualRouterName: 'multi',
        routeName: 'ok',
        spec: httpRoute([{ virtualNode: 'two', weight: 1, port: 8080 }], 80),
      }),
    );
    expect(ok.route?.spec?.httpRoute?.match?.port).toBe(80);
  });

  it('rejects a retry policy without any retry event and an http prefix without a leading slash', async () => {
    await rejected(
      new CreateRouteCommand({
        meshName,
        virtualRouterName: 'single',
        routeName: 'retry',
        spec: {
          httpRoute: {
            ...httpRoute([{ virtualNode: 'one', weight: 1 }]).httpRoute,
            retryPolicy: { maxRetries: 1, perRetryTimeout: { unit: 's', value: 1 } },
          },
        },
      }),
      'BadRequestException',
      /at least one retry event/,
    );
    await rejected(
      new CreateRouteCommand({
        meshName,
        virtualRouterName: 'single',
        routeName: 'slash',
        spec: {
          httpRoute: {
            match: { prefix: 'api' },
            action: { weightedTargets: [{ virtualNode: 'one', weight: 1 }] },
          },
        },
      }),
      'BadRequestException',
      /must start with \//,
    );
  });

  it('rejects reserved gateway route prefixes, missing target services and a missing target port', async () => {
    const gatewayRoute = (gatewayRouteName: string, spec: object) =>
      new CreateGatewayRouteCommand({ meshName, virtualGatewayName: 'gw', gatewayRouteName, spec });
    await rejected(
      gatewayRoute('reserved', gatewayHttpRoute('svc', '/aws-appmesh/x')),
      'BadRequestException',
      /reserved/,
    );
    await rejected(
      gatewayRoute('missing', gatewayHttpRoute('nowhere')),
      'NotFoundException',
      /VirtualService with name nowhere/,
    );
    await rejected(
      gatewayRoute('port', gatewayHttpRoute('svc')),
      'BadRequestException',
      /target\.port is required/,
    );
  });

  it('rejects a route type that is not exactly one of the four', async () => {
    await rejected(
      new CreateRouteCommand({
        meshName,
        virtualRouterName: 'single',
        routeName: 'none',
        spec: { priority: 1 },
      }),
      'BadRequestException',
      /exactly one of httpRoute, http2Route, grpcRoute, tcpRoute/,
    );
  });
});
