import {
  CreateGatewayRouteCommand,
  CreateMeshCommand,
  CreateRouteCommand,
  CreateVirtualGatewayCommand,
  CreateVirtualNodeCommand,
  CreateVirtualRouterCommand,
  CreateVirtualServiceCommand,
  type HttpGatewayRoute,
  UpdateVirtualServiceCommand,
} from '@aws-sdk/client-app-mesh';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dnsNode, type EmulatorFixture, errorOf, httpListener, startFixture } from './emulator-fixture.ts';

const meshName = 'match-rules';
const target = { weightedTargets: [{ virtualNode: 'one', weight: 1 }] };
const toService = { target: { virtualService: { virtualServiceName: 'svc' } } };

/**
 * Constraints the real service enforces beyond what the model can say: name and client-token lengths,
 * the unions of route and gateway-route matches, header ranges and prefix rewrites.
 */
describe('App Mesh emulator match, rewrite and length rules', () => {
  let f: EmulatorFixture;
  beforeAll(async () => {
    f = await startFixture();
    const c = f.client;
    await c.send(new CreateMeshCommand({ meshName }));
    await c.send(
      new CreateVirtualNodeCommand({ meshName, virtualNodeName: 'one', spec: dnsNode('one.local') }),
    );
    await c.send(
      new CreateVirtualRouterCommand({
        meshName,
        virtualRouterName: 'router',
        spec: { listeners: [httpListener(80)] },
      }),
    );
    await c.send(
      new CreateVirtualServiceCommand({
        meshName,
        virtualServiceName: 'svc',
        spec: { provider: { virtualNode: { virtualNodeName: 'one' } } },
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

  const refusal = async (command: unknown) => {
    const error = await errorOf(() => f.client.send(command as never));
    return [error.name, error.message];
  };
  const badRequest = (message: RegExp) => ['BadRequestException', expect.stringMatching(message)];
  const route = (routeName: string, match: object) =>
    new CreateRouteCommand({
      meshName,
      virtualRouterName: 'router',
      routeName,
      spec: { httpRoute: { match, action: target } },
    });
  const gatewayRoute = (gatewayRouteName: string, httpRoute: object) =>
    new CreateGatewayRouteCommand({
      meshName,
      virtualGatewayName: 'gw',
      gatewayRouteName,
      spec: { httpRoute: httpRoute as HttpGatewayRoute },
    });

  it('refuses a virtual service name over 255 characters and accepts one of 255', async () => {
    const spec = { provider: { virtualNode: { virtualNodeName: 'one' } } };
    expect(
      await refusal(new CreateVirtualServiceCommand({ meshName, virtualServiceName: 'a'.repeat(256), spec })),
    ).toEqual(badRequest(/virtualServiceName length must be at most 255/));
    const ok = await f.client.send(
      new CreateVirtualServiceCommand({ meshName, virtualServiceName: 'b'.repeat(255), spec }),
    );
    expect(ok.virtualService?.virtualServiceName).toHaveLength(255);
  });

  it('refuses a client token over 36 characters or with other characters than letters, digits, - and _', async () => {
    const spec = { provider: { virtualNode: { virtualNodeName: 'one' } } };
    const update = (clientToken: string) =>
      new UpdateVirtualServiceCommand({ meshName, virtualServiceName: 'svc', spec, clientToken });
    expect(await refusal(update('t'.repeat(37)))).toEqual(
      badRequest(/clientToken length must be at most 36/),
    );
    expect(await refusal(update('token with spaces'))).toEqual(badRequest(/clientToken/));
    const ok = await f.client.send(update(`${'t'.repeat(30)}-_1234`));
    expect(ok.virtualService?.metadata?.version).toBeGreaterThan(1);
  });

  it('needs exactly one of prefix and path in a route match, and one of exact and regex in a path', async () => {
    expect(await refusal(route('both', { prefix: '/', path: { exact: '/a' } }))).toEqual(
      badRequest(/spec\.httpRoute\.match must set exactly one of prefix, path/),
    );
    expect(await refusal(route('neither', { method: 'GET' }))).toEqual(
      badRequest(/spec\.httpRoute\.match must set exactly one of prefix, path/),
    );
    expect(await refusal(route('two-paths', { path: { exact: '/a', regex: '/a.*' } }))).toEqual(
      badRequest(/spec\.httpRoute\.match\.path must set exactly one of exact, regex/),
    );
    const ok = await f.client.send(route('by-path', { path: { regex: '/a.*' } }));
    expect(ok.route?.spec?.httpRoute?.match?.path).toEqual({ regex: '/a.*' });
  });

  it('needs a header range to start before it ends', async () => {
    const ranged = (start: number, end: number) => ({
      prefix: '/',
      headers: [{ name: 'x-version', match: { range: { start, end } } }],
    });
    expect(await refusal(route('empty-range', ranged(5, 5)))).toEqual(
      badRequest(/spec\.httpRoute\.match\.headers\[0\]\.match\.range start 5 must be less than end 5/),
    );
    expect(await refusal(gatewayRoute('gw-range', { match: ranged(9, 2), action: toService }))).toEqual(
      badRequest(/headers\[0\]\.match\.range start 9 must be less than end 2/),
    );
    const ok = await f.client.send(route('range', ranged(1, 3)));
    expect(ok.route?.spec?.httpRoute?.match?.headers?.[0]?.match).toEqual({ range: { start: 1, end: 3 } });
  });

  it('needs one gateway-route match of prefix, path or hostname, and one of exact and suffix in a hostname', async () => {
    expect(
      await refusal(
        gatewayRoute('both', { match: { prefix: '/', path: { exact: '/a' } }, action: toService }),
      ),
    ).toEqual(badRequest(/spec\.httpRoute\.match must set exactly one of prefix, path/));
    expect(await refusal(gatewayRoute('nothing', { match: { method: 'GET' }, action: toService }))).toEqual(
      badRequest(/spec\.httpRoute\.match must set prefix, path or hostname/),
    );
    expect(
      await refusal(
        gatewayRoute('two-hosts', {
          match: { hostname: { exact: 'a.example.com', suffix: '.example.com' } },
          action: toService,
        }),
      ),
    ).toEqual(badRequest(/spec\.httpRoute\.match\.hostname must set exactly one of exact, suffix/));
  });

  it('checks prefix rewrites: one of defaultPrefix and value, a value that starts and ends with /, no path match', async () => {
    const rewriting = (name: string, match: object, prefix: object) =>
      gatewayRoute(name, { match, action: { ...toService, rewrite: { prefix } } });
    expect(
      await refusal(rewriting('both', { prefix: '/a/' }, { defaultPrefix: 'DISABLED', value: '/b/' })),
    ).toEqual(badRequest(/rewrite\.prefix must set exactly one of defaultPrefix, value/));
    expect(await refusal(rewriting('no-end', { prefix: '/a/' }, { value: '/b' }))).toEqual(
      badRequest(/rewrite\.prefix\.value \/b must start and end with \//),
    );
    expect(await refusal(rewriting('no-start', { prefix: '/a/' }, { value: 'b/' }))).toEqual(
      badRequest(/rewrite\.prefix\.value b\/ must start and end with \//),
    );
    expect(await refusal(rewriting('on-path', { path: { exact: '/a' } }, { value: '/b/' }))).toEqual(
      badRequest(/rewrite\.prefix needs a match\.prefix or a hostname-only match/),
    );
    const onPrefix = await f.client.send(rewriting('on-prefix', { prefix: '/a/' }, { value: '/b/' }));
    expect(onPrefix.gatewayRoute?.spec?.httpRoute?.action?.rewrite?.prefix).toEqual({ value: '/b/' });
    // The real service accepts a prefix rewrite on a match by hostname alone.
    const onHost = await f.client.send(
      rewriting('on-host', { hostname: { suffix: '.example.com' } }, { defaultPrefix: 'DISABLED' }),
    );
    expect(onHost.gatewayRoute?.spec?.httpRoute?.match?.hostname).toEqual({ suffix: '.example.com' });
  });
});
