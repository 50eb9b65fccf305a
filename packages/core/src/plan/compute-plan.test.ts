import { describe, expect, it } from 'vitest';
import type { DesiredMeshResource } from '../desired/desired-state.ts';
import type { ObservedMeshResource } from '../observe/observed-mesh-resource.ts';
import { defaultQuotaLimits } from '../quota/quota-defaults.ts';
import type { InventoryEntry } from '../state/inventory-entry.ts';
import { defaultTargetPolicy } from '../target.ts';
import { computePlan, type PlanInput } from './compute-plan.ts';
import { specHash } from './spec-hash.ts';

const account = '111122223333';
const source = {
  ref: { apiVersion: 'appmesh.k8s.aws/v1beta2', kind: 'X', name: 'x' },
  location: { file: 'a.yaml', line: 1, column: 1 },
};

const mesh = (spec: object = {}): DesiredMeshResource => ({
  kind: 'Mesh',
  key: 'appmesh:m/Mesh/m',
  meshName: 'm',
  name: 'm',
  spec,
  source,
  dependsOn: [],
});
const node = (
  name: string,
  spec: object = { listeners: [{ portMapping: { port: 80, protocol: 'http' } }] },
): DesiredMeshResource => ({
  kind: 'VirtualNode',
  key: `appmesh:m/VirtualNode/${name}`,
  meshName: 'm',
  name,
  spec,
  source,
  dependsOn: ['appmesh:m/Mesh/m'],
});
const router = (name: string, protocol: 'http' | 'grpc' = 'http'): DesiredMeshResource => ({
  kind: 'VirtualRouter',
  key: `appmesh:m/VirtualRouter/${name}`,
  meshName: 'm',
  name,
  spec: { listeners: [{ portMapping: { port: 80, protocol } }] },
  source,
  dependsOn: ['appmesh:m/Mesh/m'],
});
const route = (
  name: string,
  type: 'httpRoute' | 'grpcRoute' = 'httpRoute',
  weight = 1,
): DesiredMeshResource => ({
  kind: 'Route',
  key: `appmesh:m/VirtualRouter/r/Route/${name}`,
  meshName: 'm',
  name,
  virtualRouterName: 'r',
  spec: {
    [type]: {
      match: type === 'httpRoute' ? { prefix: '/' } : { serviceName: 's' },
      action: { weightedTargets: [{ virtualNode: 'a', weight }] },
    },
  },
  source,
  dependsOn: ['appmesh:m/VirtualRouter/r', 'appmesh:m/VirtualNode/a'],
});
const service = (name: string): DesiredMeshResource => ({
  kind: 'VirtualService',
  key: `appmesh:m/VirtualService/${name}`,
  meshName: 'm',
  name,
  spec: { provider: { virtualRouter: { virtualRouterName: 'r' } } },
  source,
  dependsOn: ['appmesh:m/VirtualRouter/r'],
});

let arnSeq = 0;
/** What the service would list for a desired resource, optionally with another spec. */
const observedOf = (
  d: DesiredMeshResource,
  over: Partial<ObservedMeshResource> = {},
): ObservedMeshResource => ({
  kind: d.kind,
  key: d.key,
  meshName: d.meshName,
  name: d.name,
  ...(d.kind === 'Route' ? { virtualRouterName: d.virtualRouterName } : {}),
  arn: `arn:aws:appmesh:us-west-2:${account}:mesh/${d.key}#${arnSeq++}`,
  version: 1,
  meshOwner: account,
  resourceOwner: account,
  ...over,
});
const recorded = (o: ObservedMeshResource, spec: unknown): InventoryEntry => ({
  provider: 'appmesh',
  targetId: 't',
  key: o.key,
  kind: o.kind,
  arn: o.arn,
  version: o.version,
  specHash: specHash(spec),
  lastAppliedSpec: spec,
  sourceRevision: 'r1',
  updatedAt: '2026-01-01T00:00:00Z',
});
/** A world where meshcd created every desired resource and nobody touched them since. */
const converged = (desired: DesiredMeshResource[]) => {
  const observed = desired.map((d) => observedOf(d));
  return { observed, inventory: observed.map((o, i) => recorded(o, desired[i]!.spec)) };
};
const plan = (over: Partial<PlanInput>) =>
  computePlan({
    targetId: 't',
    accountId: account,
    desired: [],
    observed: [],
    inventory: [],
    policy: defaultTargetPolicy,
    ...over,
  });

const all = [mesh(), node('a'), router('r'), route('rt'), service('s')];

describe('computePlan', () => {
  it('creates a new mesh in dependency order: mesh, nodes, routers, routes, services', () => {
    const p = plan({ desired: [...all].reverse() });
    expect(p.changes.map((c) => [c.action, c.kind])).toEqual([
      ['create', 'Mesh'],
      ['create', 'VirtualNode'],
      ['create', 'VirtualRouter'],
      ['create', 'Route'],
      ['create', 'VirtualService'],
    ]);
    expect(new Set(p.changes.map((c) => c.wave)).size).toBe(5);
    expect(p.summary.create).toBe(5);
  });

  it('finds nothing to do when every listed version is the one the inventory recorded, without any spec', () => {
    const { observed, inventory } = converged(all);
    const p = plan({ desired: all, observed, inventory });
    expect(p.changes.every((c) => c.action === 'unchanged' && c.reason === 'in-sync')).toBe(true);
    expect(observed.every((o) => o.spec === undefined)).toBe(true);
  });

  it('updates a resource whose desired spec changed, naming the changed field', () => {
    const { observed, inventory } = converged(all);
    const p = plan({
      desired: [mesh(), node('a'), router('r'), route('rt', 'httpRoute', 2), service('s')],
      observed,
      inventory,
    });
    const update = p.changes.filter((c) => c.action === 'update');
    expect(update).toHaveLength(1);
    expect(update[0]).toMatchObject({ kind: 'Route', reason: 'spec-changed' });
    expect(update[0]!.diff).toEqual([
      { path: 'httpRoute.action.weightedTargets[virtualNode=a].weight', expected: 2, actual: 1 },
    ]);
  });

  it("never writes from the inventory's stand-in for a route a push did not list", () => {
    const { observed, inventory } = converged(all);
    const standIn = (o: ObservedMeshResource): ObservedMeshResource =>
      o.kind === 'Route' ? { ...o, fromInventory: true } : o;
    // Unchanged: the stand-in is enough.
    expect(plan({ desired: all, observed: observed.map(standIn), inventory }).summary.unchanged).toBe(5);
    // Changed or removed: only an observation may be written from.
    const changed = [mesh(), node('a'), router('r'), route('rt', 'httpRoute', 2), service('s')];
    for (const desired of [changed, all.filter((d) => d.kind !== 'Route')]) {
      expect(() => plan({ desired, observed: observed.map(standIn), inventory })).toThrow(
        expect.objectContaining({ reason: 'observation-incomplete' }),
      );
    }
  });

  it('reports an out-of-band edit as drift, comparing with the described spec', () => {
    const { observed, inventory } = converged(all);
    const n = observed[1]!;
    observed[1] = {
      ...n,
      version: 2,
      spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }] },
    };
    const p = plan({ desired: all, observed, inventory });
    const c = p.changes.find((x) => x.kind === 'VirtualNode')!;
    expect(c).toMatchObject({ action: 'update', reason: 'drifted' });
    expect(c.diff).toEqual([{ path: 'listeners[0].portMapping.port', expected: 80, actual: 8080 }]);
  });

  it('does not count server-filled health-check ports, empty lists or backend order as changes', () => {
    const desiredSpec = {
      listeners: [
        {
          portMapping: { port: 80, protocol: 'http' },
          healthCheck: {
            protocol: 'http',
            path: '/',
            healthyThreshold: 2,
            unhealthyThreshold: 2,
            timeoutMillis: 2000,
            intervalMillis: 5000,
          },
        },
      ],
      backends: [
        { virtualService: { virtualServiceName: 'b' } },
        { virtualService: { virtualServiceName: 'a' } },
      ],
    };
    const d = node('a', desiredSpec);
    const described = {
      listeners: [
        {
          portMapping: { port: 80, protocol: 'http' },
          healthCheck: { ...desiredSpec.listeners[0]!.healthCheck, port: 80 },
        },
      ],
      backends: [
        { virtualService: { virtualServiceName: 'a' } },
        { virtualService: { virtualServiceName: 'b' } },
      ],
      serviceDiscovery: {},
      logging: { accessLog: undefined },
    };
    const p = plan({
      desired: [d],
      observed: [observedOf(d, { spec: described, tags: { 'meshcd:target': 't' } })],
    });
    expect(p.changes[0]).toMatchObject({ action: 'unchanged' });
  });

  it('still reports a health-check port that Git sets and the service changed', () => {
    const spec = {
      listeners: [
        {
          portMapping: { port: 80, protocol: 'http' },
          healthCheck: {
            port: 80,
            protocol: 'http',
            healthyThreshold: 2,
            unhealthyThreshold: 2,
            timeoutMillis: 2000,
            intervalMillis: 5000,
          },
        },
      ],
    };
    const d = node('a', spec);
    const described = structuredClone(spec);
    described.listeners[0]!.healthCheck.port = 81;
    const p = plan({
      desired: [d],
      observed: [observedOf(d, { spec: described, tags: { 'meshcd:target': 't' } })],
    });
    expect(p.changes[0]!.diff).toEqual([
      {
        path: 'listeners[portMapping.port=80,portMapping.protocol=http].healthCheck.port',
        expected: 80,
        actual: 81,
      },
    ]);
  });

  it('deletes owned resources that left Git in reverse dependency order', () => {
    const { observed, inventory } = converged(all);
    const p = plan({ desired: [mesh(), node('a')], observed, inventory, allowPrune: true });
    expect(p.changes.filter((c) => c.action === 'delete').map((c) => c.kind)).toEqual([
      'VirtualService',
      'Route',
      'VirtualRouter',
    ]);
    const waves = p.changes.filter((c) => c.action === 'delete').map((c) => c.wave);
    expect([...waves].sort((a, b) => a - b)).toEqual(waves);
    expect(Math.min(...waves)).toBeGreaterThan(
      Math.max(...p.changes.filter((c) => c.action !== 'delete').map((c) => c.wave)),
    );
  });

  it('refuses, even with --allow-prune, to delete what a file still in the tree held when it failed to load', () => {
    const { observed, inventory } = converged(all);
    const from = (file: string) => (e: InventoryEntry) => ({ ...e, sourceFile: file });
    const sourced = [
      ...inventory.slice(0, 2).map(from('mesh.yaml')),
      ...inventory.slice(2).map(from('routing.yaml')),
    ];
    const input = { desired: [mesh(), node('a')], observed, inventory: sourced, allowPrune: true };
    expect(plan({ ...input, unloadedFiles: ['routing.yaml'] }).blockers).toEqual([
      {
        reason: 'source-not-loaded',
        message: expect.stringMatching(/^routing\.yaml is still in the tree but did not load/),
        keys: [
          'appmesh:m/VirtualService/s',
          'appmesh:m/VirtualRouter/r/Route/rt',
          'appmesh:m/VirtualRouter/r',
        ],
      },
    ]);
    // Another file failing to load does not hold up the deletion of what left Git.
    expect(plan({ ...input, unloadedFiles: ['other.yaml'] }).blockers).toEqual([]);
  });

  it("never deletes what it does not own, nor another account's resources", () => {
    const { observed, inventory } = converged([mesh()]);
    const stranger = observedOf(node('theirs'));
    const foreign = observedOf(node('shared'), { resourceOwner: '444455556666' });
    const p = plan({ desired: [mesh()], observed: [...observed, stranger, foreign], inventory });
    expect(p.changes.filter((c) => c.action === 'delete')).toEqual([]);
  });

  it('refuses a desired name held by a resource it does not own, unless the policy adopts', () => {
    const d = node('a');
    const o = observedOf(d, { spec: { listeners: [] } });
    const refused = plan({ desired: [d], observed: [o] });
    expect(refused.changes[0]).toMatchObject({ action: 'skip', reason: 'unowned-conflict' });
    expect(refused.blockers.map((b) => b.reason)).toEqual(['conflict']);

    const adopted = plan({ desired: [d], observed: [o], policy: { ...defaultTargetPolicy, adopt: true } });
    expect(adopted.changes[0]).toMatchObject({ action: 'update', reason: 'adopt' });
    expect(adopted.blockers).toEqual([]);
  });

  it('recognises by its tag a resource created before a crash lost the inventory write', () => {
    const d = node('a');
    const o = observedOf(d, { spec: d.spec, tags: { 'meshcd:target': 't' } });
    const p = plan({ desired: [d], observed: [o] });
    expect(p.changes[0]).toMatchObject({ action: 'unchanged' });
    expect(p.blockers).toEqual([]);
  });

  it('skips resources owned by another account even when Git describes them', () => {
    const d = node('a', { listeners: [] });
    const p = plan({ desired: [d], observed: [observedOf(d, { resourceOwner: '444455556666', spec: {} })] });
    expect(p.changes[0]).toMatchObject({ action: 'skip', reason: 'foreign-owner' });
  });

  it('never creates a shared mesh that is missing, which would put it in the wrong account', () => {
    const p = plan({ desired: [{ ...mesh(), meshOwner: '444455556666' }] });
    expect(p.changes[0]).toMatchObject({ action: 'skip', reason: 'shared-mesh-missing' });
    expect(p.blockers[0]!.message).toContain('444455556666');
  });

  it('refuses to delete more than the guard allows, or any mesh, without --allow-prune', () => {
    const { observed, inventory } = converged(all);
    const everything = plan({ desired: [], observed, inventory });
    expect(everything.blockers.map((b) => b.reason).sort()).toEqual(['mesh-deletion', 'prune-guard']);
    const one = plan({ desired: all.slice(0, 4), observed, inventory });
    expect(one.blockers).toEqual([]);
    expect(plan({ desired: [], observed, inventory, allowPrune: true }).blockers).toEqual([]);
  });

  it('leaves removed resources alone when pruning is off', () => {
    const { observed, inventory } = converged(all);
    const p = plan({
      desired: all.slice(0, 4),
      observed,
      inventory,
      policy: { ...defaultTargetPolicy, prune: false },
    });
    expect(p.changes.find((c) => c.kind === 'VirtualService')).toMatchObject({
      action: 'skip',
      reason: 'prune-disabled',
    });
  });

  it('replaces a route whose protocol changes: delete before the router update, create after', () => {
    const { observed, inventory } = converged(all);
    const p = plan({
      desired: [mesh(), node('a'), router('r', 'grpc'), route('rt', 'grpcRoute'), service('s')],
      observed,
      inventory,
    });
    const steps = p.changes.filter((c) => c.action !== 'unchanged').map((c) => `${c.action} ${c.kind}`);
    expect(steps).toEqual(['delete Route', 'update VirtualRouter', 'create Route']);
    expect(p.changes.find((c) => c.action === 'delete')!.reason).toBe('tainted-by-listener-change');
  });

  it('re-creates a managed resource someone deleted out of band', () => {
    const { observed, inventory } = converged(all);
    const p = plan({
      desired: all,
      observed: observed.filter((o) => o.kind !== 'VirtualService'),
      inventory,
    });
    expect(p.changes.find((c) => c.kind === 'VirtualService')).toMatchObject({
      action: 'create',
      reason: 'deleted-out-of-band',
    });
  });
});

describe('computePlan quota pre-check', () => {
  it('refuses a plan that would exceed a quota, naming it, its limit and the resources over it', () => {
    const { observed, inventory } = converged([mesh(), node('a')]);
    const p = plan({
      desired: [mesh(), node('a'), node('b'), node('c')],
      observed,
      inventory,
      quotaLimits: { ...defaultQuotaLimits(), virtualNodesPerMesh: 2 },
    });
    expect(p.blockers).toEqual([
      {
        reason: 'quota-exceeded',
        message: 'mesh m would use 3 of the App Mesh quota "Virtual nodes per mesh" (L-E043DFB4), limit 2',
        keys: ['appmesh:m/VirtualNode/b', 'appmesh:m/VirtualNode/c'],
      },
    ]);
  });

  it('counts resources it does not own, and frees what the plan deletes', () => {
    const { observed, inventory } = converged([mesh(), node('a')]);
    const stranger = observedOf(node('theirs'));
    const limits = { ...defaultQuotaLimits(), virtualNodesPerMesh: 2 };
    expect(
      plan({
        desired: [mesh(), node('a'), node('b')],
        observed: [...observed, stranger],
        inventory,
        quotaLimits: limits,
      }).blockers[0]!.reason,
    ).toBe('quota-exceeded');
    expect(plan({ desired: [mesh(), node('b')], observed, inventory, quotaLimits: limits }).blockers).toEqual(
      [],
    );
  });
});
