import { describe, expect, it } from 'vitest';
import type { ObservedMeshResource } from '../observe/observed-mesh-resource.ts';
import type { InventoryEntry } from '../state/inventory-entry.ts';
import { classifyDrift } from './classify-drift.ts';
import { summariseDrift } from './drift-item.ts';
import type { ExpectedMeshResource } from './expected-resource.ts';

const nodeSpec = (port = 8080) => ({
  listeners: [
    {
      portMapping: { port, protocol: 'http' },
      healthCheck: {
        protocol: 'http',
        path: '/ping',
        healthyThreshold: 2,
        unhealthyThreshold: 2,
        timeoutMillis: 2000,
        intervalMillis: 5000,
      },
    },
  ],
  serviceDiscovery: { dns: { hostname: 'web.shop.svc.cluster.local' } },
  backends: [
    { virtualService: { virtualServiceName: 'cart.shop.svc.cluster.local' } },
    { virtualService: { virtualServiceName: 'pay.shop.svc.cluster.local' } },
  ],
});

const key = (name: string) => `appmesh:shop/VirtualNode/${name}`;
const arn = (name: string, n = 1) =>
  `arn:aws:appmesh:us-west-2:111122223333:mesh/shop/virtualNode/${name}#${n}`;

const entry = (name: string, spec: unknown = nodeSpec(), version = 1): InventoryEntry => ({
  provider: 'appmesh',
  targetId: 't',
  key: key(name),
  kind: 'VirtualNode',
  arn: arn(name),
  version,
  specHash: 'h',
  lastAppliedSpec: spec,
  sourceRevision: 'rev-1',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

const observed = (name: string, over: Partial<ObservedMeshResource> = {}): ObservedMeshResource => ({
  kind: 'VirtualNode',
  key: key(name),
  meshName: 'shop',
  name,
  arn: arn(name),
  version: 1,
  meshOwner: '111122223333',
  resourceOwner: '111122223333',
  ...over,
});

const desired = (name: string, spec: unknown = nodeSpec()): ExpectedMeshResource => ({
  key: key(name),
  kind: 'VirtualNode',
  meshName: 'shop',
  name,
  spec,
});

const states = (items: ReturnType<typeof classifyDrift>) =>
  Object.fromEntries(items.map((i) => [i.name, i.state]));

describe('classifyDrift', () => {
  it('calls a resource InSync without its spec when App Mesh still has the version meshcd wrote', () => {
    const items = classifyDrift({ inventory: [entry('web')], observed: [observed('web')], ignore: [] });
    expect(items).toEqual([
      expect.objectContaining({ key: key('web'), state: 'InSync', sourceRevision: 'rev-1' }),
    ]);
  });

  it('reports a changed listener port as Modified with its path, expected and actual value', () => {
    const items = classifyDrift({
      inventory: [entry('web')],
      observed: [observed('web', { version: 2, spec: nodeSpec(9090) })],
      ignore: [],
    });
    expect(items[0]).toMatchObject({
      state: 'Modified',
      reason: 'spec-changed',
      differences: [{ path: 'spec.listeners[0].portMapping.port', expected: 8080, actual: 9090 }],
    });
  });

  it('reports a resource deleted out of band as Missing', () => {
    const items = classifyDrift({ inventory: [entry('web')], observed: [], ignore: [] });
    expect(items[0]).toMatchObject({ key: key('web'), state: 'Missing' });
  });

  it('reports a resource in the managed mesh that Git does not have as Unmanaged', () => {
    const items = classifyDrift({
      inventory: [entry('web')],
      observed: [observed('web'), observed('intruder', { arn: arn('intruder') })],
      ignore: [],
    });
    expect(states(items)).toEqual({ web: 'InSync', intruder: 'Unmanaged' });
    expect(items.find((i) => i.name === 'intruder')?.reason).toBe('not-in-git');
  });

  it('reports a recorded resource that left Git as Unmanaged, removed from Git', () => {
    const items = classifyDrift({
      desired: [desired('web')],
      inventory: [entry('web'), entry('old')],
      observed: [observed('web'), observed('old')],
      ignore: [],
    });
    expect(items.find((i) => i.name === 'old')).toMatchObject({
      state: 'Unmanaged',
      reason: 'removed-from-git',
    });
  });

  it('reports a resource whose Describe failed, or whose mesh could not be listed, as Unknown', () => {
    const items = classifyDrift({
      inventory: [entry('web'), entry('api'), { ...entry('db'), key: 'appmesh:other/VirtualNode/db' }],
      observed: [observed('web', { version: 2 }), observed('api')],
      ignore: [],
      unobservable: {
        resources: new Map([[key('web'), 'InternalServerErrorException']]),
        meshes: new Map([['other', 'ListVirtualNodes: throttled']]),
      },
    });
    expect(states(items)).toEqual({ web: 'Unknown', api: 'InSync', db: 'Unknown' });
    expect(items.find((i) => i.name === 'web')).toMatchObject({
      reason: 'describe-failed',
      error: 'InternalServerErrorException',
    });
    expect(items.find((i) => i.name === 'db')).toMatchObject({ reason: 'list-failed' });
  });

  it('reports a same-named resource with another ARN and no owner tag as replaced', () => {
    const items = classifyDrift({
      inventory: [entry('web')],
      observed: [observed('web', { arn: arn('web', 2), spec: nodeSpec(), tags: {} })],
      ignore: [],
      targetId: 't',
    });
    expect(items[0]).toMatchObject({ state: 'Modified', reason: 'replaced', differences: [{ path: 'arn' }] });
  });

  it('never reports fields the service filled in, nor the order of backends, as drift', () => {
    const served = nodeSpec();
    served.listeners[0]!.healthCheck = { ...served.listeners[0]!.healthCheck, port: 8080 } as never;
    const described = {
      ...served,
      backends: [...served.backends].reverse(),
      serviceDiscovery: { dns: { hostname: 'web.shop.svc.cluster.local', responseType: 'LOADBALANCER' } },
      logging: {},
    };
    const items = classifyDrift({
      inventory: [entry('web')],
      observed: [observed('web', { version: 7, spec: described })],
      ignore: [],
    });
    expect(items[0]?.state).toBe('InSync');
  });

  it('still reports a server-filled field when Git sets it and the service has another value', () => {
    const wanted = nodeSpec();
    wanted.serviceDiscovery.dns = { ...wanted.serviceDiscovery.dns, responseType: 'ENDPOINTS' } as never;
    const items = classifyDrift({
      desired: [desired('web', wanted)],
      inventory: [entry('web', wanted)],
      observed: [
        observed('web', {
          version: 2,
          spec: {
            ...wanted,
            serviceDiscovery: {
              dns: { hostname: 'web.shop.svc.cluster.local', responseType: 'LOADBALANCER' },
            },
          },
        }),
      ],
      ignore: [],
    });
    expect(items[0]?.differences).toEqual([
      { path: 'spec.serviceDiscovery.dns.responseType', expected: 'ENDPOINTS', actual: 'LOADBALANCER' },
    ]);
  });

  it('ignores fields matched by an ignore rule, with or without spec. and with a kind prefix', () => {
    const changed = nodeSpec();
    changed.listeners[0]!.healthCheck.intervalMillis = 10_000;
    const withLogging = { ...changed, logging: { accessLog: { file: { path: '/dev/stdout' } } } };
    const run = (ignore: string[]) =>
      classifyDrift({
        inventory: [entry('web')],
        observed: [observed('web', { version: 2, spec: withLogging })],
        ignore,
      })[0];
    const listener = 'spec.listeners[portMapping.port=8080,portMapping.protocol=http]';
    expect(run([])?.differences?.map((d) => d.path)).toEqual([
      `${listener}.healthCheck.intervalMillis`,
      'spec.logging',
    ]);
    expect(run(['listeners[*].healthCheck', 'spec.logging'])?.state).toBe('InSync');
    // A path copied from the report, list item named by its identity, is a rule too.
    expect(run([`${listener}.healthCheck`, 'spec.logging'])?.state).toBe('InSync');
    expect(
      run(['spec.listeners[portMapping.port=9090,portMapping.protocol=http].healthCheck'])?.differences,
    ).toHaveLength(2);
    expect(run(['VirtualNode:spec.logging'])?.differences?.map((d) => d.path)).toEqual([
      `${listener}.healthCheck.intervalMillis`,
    ]);
    expect(run(['Route:spec.logging'])?.differences).toHaveLength(2);
  });

  it('refuses a malformed ignore rule, naming it', () => {
    expect(() => classifyDrift({ inventory: [], observed: [], ignore: ['spec..logging'] })).toThrow(
      /drift ignore rule 'spec\.\.logging': segment 2/,
    );
  });

  it('compares against Git when given a desired state, so an unapplied change reads as Modified', () => {
    const items = classifyDrift({
      desired: [desired('web', nodeSpec(8081))],
      inventory: [entry('web')],
      observed: [observed('web')],
      ignore: [],
    });
    expect(items[0]?.differences).toEqual([
      { path: 'spec.listeners[0].portMapping.port', expected: 8081, actual: 8080 },
    ]);
  });

  it('classifies cluster objects one-directionally when they are observed, and not at all otherwise', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { replicas: 2 },
    };
    const kubeEntry: InventoryEntry = {
      provider: 'kube',
      targetId: 't',
      key: 'kube:shop/apps/Deployment/web',
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'shop',
      name: 'web',
      version: 1,
      specHash: 'h',
      lastAppliedSpec: deployment,
      sourceRevision: 'rev-1',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    const live = {
      ...deployment,
      metadata: { ...deployment.metadata, uid: 'u1', resourceVersion: '9' },
      spec: { replicas: 3, strategy: {} },
      status: {},
    };
    expect(classifyDrift({ inventory: [kubeEntry], observed: [], ignore: [] })).toEqual([]);
    const items = classifyDrift({
      inventory: [kubeEntry],
      observed: [],
      ignore: [],
      observedKube: [{ key: kubeEntry.key, object: live }],
    });
    expect(items).toEqual([
      expect.objectContaining({
        provider: 'kube',
        kind: 'Deployment',
        namespace: 'shop',
        name: 'web',
        state: 'Modified',
        differences: [{ path: 'spec.replicas', expected: 2, actual: 3 }],
      }),
    ]);
    const ignored = classifyDrift({
      inventory: [kubeEntry],
      observed: [],
      ignore: ['Deployment:spec.replicas'],
      observedKube: [{ key: kubeEntry.key, object: live }],
    });
    expect(ignored[0]?.state).toBe('InSync');
    expect(
      classifyDrift({ inventory: [kubeEntry], observed: [], ignore: [], observedKube: [] })[0]?.state,
    ).toBe('Missing');
  });

  it('summarises counts, managed resources and driftctl-style coverage', () => {
    const items = classifyDrift({
      inventory: [entry('a'), entry('b'), entry('gone')],
      observed: [observed('a'), observed('b', { version: 2, spec: nodeSpec(1) }), observed('x')],
      ignore: [],
    });
    const summary = summariseDrift(items);
    expect(summary.counts).toEqual({ InSync: 1, Modified: 1, Missing: 1, Unmanaged: 1, Unknown: 0 });
    expect(summary).toMatchObject({ total: 4, managed: 3 });
    // Found: a, b, x; covered by Git: a, b.
    expect(summary.coverage).toBeCloseTo(2 / 3);
    expect(summary.inSyncRatio).toBeCloseTo(1 / 3);
  });
});
