import { describe, expect, it } from 'vitest';
import type { DesiredKubeObject } from '../desired/desired-state.ts';
import { specHash } from '../plan/spec-hash.ts';
import type { KubeLiveObject } from '../ports/cluster-api.ts';
import type { InventoryEntry } from '../state/inventory-entry.ts';
import { defaultTargetPolicy } from '../target.ts';
import { withOwnership } from './cluster-ownership.ts';
import { type ClusterPlanInput, computeClusterPlan } from './compute-cluster-plan.ts';

const source = {
  ref: { apiVersion: 'v1', kind: 'X', name: 'x' },
  location: { file: 'a.yaml', line: 1, column: 1 },
};

const desired = (apiVersion: string, kind: string, name: string, namespace?: string): DesiredKubeObject => ({
  key: `kube:${namespace ?? ''}/${apiVersion.includes('/') ? apiVersion.split('/')[0] : ''}/${kind}/${name}`,
  object: { apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) }, data: { v: '1' } },
  source,
});

const live = (d: DesiredKubeObject, targetId?: string): KubeLiveObject =>
  (targetId ? withOwnership(d.object, targetId) : d.object) as KubeLiveObject;

const entry = (key: string, body: unknown, apiVersion: string): InventoryEntry => ({
  provider: 'kube',
  targetId: 't',
  key,
  apiVersion,
  kind: key.split('/')[2]!,
  namespace: key.slice('kube:'.length).split('/')[0]!,
  name: key.split('/')[3]!,
  version: '1',
  specHash: specHash(body),
  lastAppliedSpec: body,
  sourceRevision: 'r',
  updatedAt: '2026-01-01T00:00:00Z',
});

const plan = (input: Partial<ClusterPlanInput>) =>
  computeClusterPlan({
    targetId: 't',
    desired: [],
    injections: new Map(),
    observed: new Map(),
    liveWorkloads: [],
    inventory: [],
    policy: { ...defaultTargetPolicy, pruneGuardRatio: 1 },
    ...input,
  });

const rows = (p: ReturnType<typeof plan>) => p.changes.map((c) => [c.action, c.reason, c.key]);

describe('computeClusterPlan', () => {
  const ns = desired('v1', 'Namespace', 'prod');
  const cm = desired('v1', 'ConfigMap', 'settings', 'prod');
  const deploy = desired('apps/v1', 'Deployment', 'api', 'prod');

  it('keeps what a file held while the file holds a kind the cluster does not serve (a misspelt kind)', () => {
    // deployment.yaml said `kind: Deployment`; now it says `kind: Deploymnet`, which no cluster serves.
    const typo = {
      ...desired('apps/v1', 'Deploymnet', 'api', 'prod'),
      source: { ...source, location: { file: 'deployment.yaml', line: 1, column: 1 } },
    };
    const recorded = {
      ...entry(deploy.key, deploy.object, 'apps/v1'),
      sourceFile: 'deployment.yaml',
    };
    const p = plan({
      desired: [typo],
      unserved: new Set([typo.key]),
      observed: new Map([[deploy.key, live(deploy, 't')]]),
      inventory: [recorded],
      allowPrune: true,
    });
    expect(rows(p)).toEqual([
      ['skip', 'kind-not-served', typo.key],
      ['delete', 'removed-from-git', deploy.key],
    ]);
    expect(p.blockers).toEqual([
      expect.objectContaining({ reason: 'source-not-loaded', keys: [deploy.key] }),
    ]);
  });

  it('creates Namespaces first, then what they hold, each with the ownership label and target annotation', () => {
    const p = plan({ desired: [deploy, cm, ns] });
    expect(rows(p)).toEqual([
      ['create', 'not-found', ns.key],
      ['create', 'not-found', cm.key],
      ['create', 'not-found', deploy.key],
    ]);
    expect(p.changes[0]!.body).toMatchObject({
      metadata: {
        labels: { 'app.kubernetes.io/managed-by': 'meshcd' },
        annotations: { 'meshcd.io/target': 't' },
      },
    });
    expect(p.changes.every((c) => c.fieldManager === 'meshcd')).toBe(true);
  });

  it('leaves an owned object that matches the inventory and the cluster unchanged', () => {
    const body = withOwnership(cm.object, 't');
    const p = plan({
      desired: [cm],
      observed: new Map([[cm.key, live(cm, 't')]]),
      inventory: [entry(cm.key, body, 'v1')],
    });
    expect(rows(p)).toEqual([['unchanged', 'in-sync', cm.key]]);
  });

  it('skips an object of the same name that meshcd does not own, unless the target adopts', () => {
    const observed = new Map([[cm.key, live(cm)]]);
    expect(rows(plan({ desired: [cm], observed }))).toEqual([['skip', 'unowned-conflict', cm.key]]);
    const adopting = plan({ desired: [cm], observed, policy: { ...defaultTargetPolicy, adopt: true } });
    expect(rows(adopting)).toEqual([['update', 'adopt', cm.key]]);
  });

  it('prunes only objects carrying this target label and annotation, in reverse order', () => {
    const other = desired('v1', 'ConfigMap', 'other', 'prod');
    const p = plan({
      observed: new Map([
        [ns.key, live(ns, 't')],
        [deploy.key, live(deploy, 't')],
        [cm.key, live(cm, 'another-target')],
        [other.key, live(other)],
      ]),
      inventory: [entry(ns.key, {}, 'v1'), entry(deploy.key, {}, 'apps/v1'), entry(cm.key, {}, 'v1')],
      allowPrune: true,
    });
    expect(rows(p)).toEqual([
      ['delete', 'removed-from-git', deploy.key],
      ['skip', 'foreign-owner', cm.key],
      ['delete', 'removed-from-git', ns.key],
    ]);
    expect(p.forget).toEqual([cm.key]);
  });

  it('forgets inventoried objects that are already gone, and keeps them when prune is off', () => {
    const gone = plan({ inventory: [entry(cm.key, {}, 'v1')] });
    expect(gone.changes).toEqual([]);
    expect(gone.forget).toEqual([cm.key]);
    const off = plan({
      observed: new Map([[cm.key, live(cm, 't')]]),
      inventory: [entry(cm.key, {}, 'v1')],
      policy: { ...defaultTargetPolicy, prune: false },
    });
    expect(rows(off)).toEqual([['skip', 'prune-disabled', cm.key]]);
  });

  it('refuses to delete a namespace, or more than the guard ratio, without --allow-prune', () => {
    const input = {
      observed: new Map([[ns.key, live(ns, 't')]]),
      inventory: [entry(ns.key, {}, 'v1'), entry(cm.key, {}, 'v1')],
      policy: { ...defaultTargetPolicy, pruneGuardRatio: 0.4 },
    };
    expect(plan(input).blockers.map((b) => b.reason)).toEqual(['namespace-deletion', 'prune-guard']);
    expect(plan({ ...input, allowPrune: true }).blockers).toEqual([]);
  });

  it('updates an owned object whose Git spec changed, and one drifted in the cluster, with the field differences', () => {
    const changed = plan({
      desired: [cm],
      observed: new Map([[cm.key, live(cm, 't')]]),
      inventory: [entry(cm.key, { old: true }, 'v1')],
    });
    expect(rows(changed)).toEqual([['update', 'spec-changed', cm.key]]);
    const drifted = { ...live(cm, 't'), data: { v: '2' } };
    const p = plan({
      desired: [cm],
      observed: new Map([[cm.key, drifted]]),
      inventory: [entry(cm.key, withOwnership(cm.object, 't'), 'v1')],
    });
    expect(p.changes.map((c) => [c.reason, c.diff])).toEqual([
      ['drifted', [{ path: 'data.v', expected: '1', actual: '2' }]],
    ]);
  });
});
