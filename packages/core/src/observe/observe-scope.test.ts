import { describe, expect, it } from 'vitest';
import { specHash } from '../plan/spec-hash.ts';
import type { AppMeshEntry } from '../state/inventory-entry.ts';
import type { RunRecord } from '../state/run-record.ts';
import { mustListContents, scopeToChanges } from './observe-scope.ts';
import type { ObservedMeshResource } from './observed-mesh-resource.ts';
import { observeScopeFor } from './push-observe-scope.ts';

const router = (name: string) => `appmesh:m/VirtualRouter/${name}`;
const route = (r: string, name: string) => `${router(r)}/Route/${name}`;
const spec = (weight: number) => ({ httpRoute: { action: { weightedTargets: [{ weight }] } } });

const entry = (key: string, specOf: unknown = {}, extra: Partial<AppMeshEntry> = {}): AppMeshEntry => ({
  provider: 'appmesh',
  targetId: 't',
  key,
  kind: key.includes('/Route/') ? 'Route' : key.includes('/Mesh/') ? 'Mesh' : 'VirtualRouter',
  arn: `arn:${key}`,
  version: 1,
  specHash: specHash(specOf),
  lastAppliedSpec: specOf,
  sourceRevision: 'r1',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...extra,
});

// Three routers as applied: a has one route, b one, c two.
const mesh = (name: string) => `appmesh:${name}/Mesh/${name}`;
// Mesh n holds one router e with one route v.
const routerE = 'appmesh:n/VirtualRouter/e';
const routeV = `${routerE}/Route/v`;

const inventory = [
  entry(mesh('m')),
  entry(mesh('n')),
  entry(routerE),
  entry(routeV, spec(100)),
  entry(router('a')),
  entry(route('a', 'x'), spec(100)),
  entry(router('b')),
  entry(route('b', 'y'), spec(100)),
  entry(router('c')),
  entry(route('c', 'z1'), spec(100)),
  entry(route('c', 'z2'), spec(100)),
];
const unchanged = [
  { key: mesh('m'), spec: {} },
  { key: mesh('n'), spec: {} },
  { key: routerE, spec: {} },
  { key: routeV, spec: spec(100) },
  { key: router('a'), spec: {} },
  { key: route('a', 'x'), spec: spec(100) },
  { key: router('b'), spec: {} },
  { key: route('b', 'y'), spec: spec(100) },
  { key: router('c'), spec: {} },
  { key: route('c', 'z1'), spec: spec(100) },
  { key: route('c', 'z2'), spec: spec(100) },
];

describe('the scope of a push', () => {
  it('settles every mesh and router whose contents in Git are what the inventory recorded', () => {
    expect([...scopeToChanges(unchanged, inventory).settled].sort()).toEqual(
      [mesh('m'), mesh('n'), routerE, router('a'), router('b'), router('c')].sort(),
    );
  });

  it('leaves a router and its mesh unsettled when a route of it was changed, added or removed, or it is new', () => {
    const desired = [
      { key: mesh('m'), spec: {} },
      { key: mesh('n'), spec: {} },
      { key: routerE, spec: {} },
      { key: routeV, spec: spec(100) },
      { key: router('a'), spec: {} },
      { key: route('a', 'x'), spec: spec(90) }, // changed
      { key: router('b'), spec: {} },
      { key: route('b', 'y'), spec: spec(100) },
      { key: route('b', 'y2'), spec: spec(100) }, // added
      { key: router('c'), spec: {} },
      { key: route('c', 'z1'), spec: spec(100) }, // z2 removed
      { key: router('d'), spec: {} }, // unknown to the inventory
      { key: route('d', 'w'), spec: spec(100) },
    ];
    expect([...scopeToChanges(desired, inventory).settled].sort()).toEqual([mesh('n'), routerE].sort());
    const onlyA = unchanged.map((d) => (d.key === route('a', 'x') ? { ...d, spec: spec(90) } : d));
    expect([...scopeToChanges(onlyA, inventory).settled].sort()).toEqual(
      [mesh('n'), routerE, router('b'), router('c')].sort(),
    );
    // A mesh that left Git entirely is unsettled too: what it holds is to be pruned.
    const withoutN = unchanged.filter((d) => !d.key.startsWith('appmesh:n/'));
    expect(scopeToChanges(withoutN, inventory).settled.has(mesh('n'))).toBe(false);
  });

  it("lists a settled router's routes anyway when the router is not the instance and version recorded", () => {
    const scope = scopeToChanges(unchanged, inventory);
    const listed = (extra: Partial<ObservedMeshResource> = {}): ObservedMeshResource => ({
      kind: 'VirtualRouter',
      key: router('a'),
      meshName: 'm',
      name: 'a',
      arn: `arn:${router('a')}`,
      version: 1,
      meshOwner: 'me',
      resourceOwner: 'me',
      ...extra,
    });
    const recorded = inventory.find((e) => e.key === router('a'));
    expect(mustListContents(scope, listed(), recorded)).toBe(false);
    expect(mustListContents(scope, listed({ version: 2 }), recorded)).toBe(true);
    expect(
      mustListContents(scope, listed({ createdAt: '2026-02-01T00:00:00Z' }), {
        ...recorded!,
        createdAt: '2026-01-01T00:00:00Z',
      }),
    ).toBe(true);
    expect(mustListContents(scope, listed(), undefined)).toBe(true);
    expect(mustListContents({ settled: new Set() }, listed(), recorded)).toBe(true);
  });
});

describe('when a push may trust the inventory', () => {
  const run = (outcome: RunRecord['outcome'], mode: RunRecord['mode'] = 'apply'): RunRecord => ({
    targetId: 't',
    runId: `${mode}-${outcome}`,
    mode,
    revision: 'r1',
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
    outcome,
    summary: {},
  });
  const scopeAfter = (runs: RunRecord[], extra: { refresh?: boolean; inventory?: AppMeshEntry[] } = {}) =>
    observeScopeFor({
      targetId: 't',
      desired: unchanged,
      inventory: extra.inventory ?? inventory,
      runs: { listRuns: async () => runs },
      ...(extra.refresh ? { refresh: true } : {}),
    });

  it('after a succeeded apply (plans, drift checks and refusals since do not count)', async () => {
    for (const runs of [
      [run('succeeded')],
      [run('refused'), run('succeeded', 'plan'), run('succeeded', 'detect'), run('succeeded')],
    ]) {
      const { scope, full } = await scopeAfter(runs);
      expect(full).toBeUndefined();
      expect(scope?.settled.size).toBe(6);
    }
  });

  it('not when the last apply failed or was partial, even behind a refusal', async () => {
    expect((await scopeAfter([run('failed'), run('succeeded')])).full).toBe('previous-apply-unsettled');
    expect((await scopeAfter([run('refused'), run('partial'), run('succeeded')])).full).toBe(
      'previous-apply-unsettled',
    );
  });

  it('not without an inventory or an apply on record, nor when asked to refresh', async () => {
    expect((await scopeAfter([run('succeeded')], { inventory: [] })).full).toBe('no-inventory');
    expect((await scopeAfter([run('succeeded', 'plan')])).full).toBe('no-previous-apply');
    expect((await scopeAfter([run('succeeded')], { refresh: true })).full).toBe('refresh');
  });

  it('not when the inventory was written after the last apply finished (a run that never recorded its end)', async () => {
    const late = [...inventory, entry(route('a', 'late'), {}, { updatedAt: '2026-01-01T00:00:05.000Z' })];
    expect((await scopeAfter([run('succeeded')], { inventory: late })).full).toBe(
      'written-since-previous-apply',
    );
  });

  it('not when the lease was taken over from a holder that never settled (a run killed before any record)', async () => {
    const after = await observeScopeFor({
      targetId: 't',
      desired: unchanged,
      inventory,
      runs: { listRuns: async () => [run('succeeded')] },
      unsettledHolder: 'killed',
    });
    expect(after.full).toBe('previous-holder-unsettled');
  });
});
