import type { DesiredMeshResource } from '../desired/desired-state.ts';
import type { ObservedMeshResource } from '../observe/observed-mesh-resource.ts';
import { computePlan } from '../plan/compute-plan.ts';
import { diffSpec, type FieldDiff } from '../plan/diff-spec.ts';
import { actualSpec } from '../plan/ownership.ts';
import { type AppMeshEntry, entriesOf, type InventoryEntry } from '../state/inventory-entry.ts';
import { defaultTargetPolicy } from '../target.ts';
import { classifyPlanDrift, type DriftIdentity } from './classify-plan-drift.ts';
import { type DriftItem, sortDriftItems } from './drift-item.ts';
import { type ExpectedMeshResource, expectedFromInventory } from './expected-resource.ts';
import { applyIgnoreRules, type IgnoreRule, parseIgnoreRule } from './ignore-rules.ts';
import {
  classifyKubeDrift,
  type ExpectedKubeObject,
  type KubeInjectionCheck,
  type ObservedKubeObject,
  type UnmanagedKubeObject,
} from './kube-drift.ts';

/** What could not be observed: single resources (Describe failed) or whole meshes (List failed). */
export interface Unobservable {
  /** Inventory key → error. */
  resources?: ReadonlyMap<string, string>;
  /** Mesh name → error. */
  meshes?: ReadonlyMap<string, string>;
}

interface ClassifyDriftInput {
  /** What Git wants; when absent, what meshcd last applied (the inventory's last-applied specs). */
  desired?: readonly ExpectedMeshResource[];
  inventory: readonly InventoryEntry[];
  /** The App Mesh resources of the meshes in scope, Described where the inventory could not vouch for them. */
  observed: readonly ObservedMeshResource[];
  /** Ignore rules by field path (see parseIgnoreRule). */
  ignore: readonly string[];
  unobservable?: Unobservable;
  /** Tells a resource (or cluster object) meshcd created from a same-named one someone else put in its place. */
  targetId?: string;
  /** The account meshcd writes as: a resource it owns is planned as its own. */
  accountId?: string;
  /** Cluster objects; the cluster half is classified only when this is given. */
  observedKube?: readonly ObservedKubeObject[];
  /** Expected cluster objects; default: the inventory's `kube:` entries' last-applied objects. */
  desiredKube?: readonly ExpectedKubeObject[];
  /** Objects in managed namespaces that meshcd does not record (with `observedKube`). */
  unmanagedKube?: readonly UnmanagedKubeObject[];
  /** The injected workloads, each with the injection as it would be applied now (with `observedKube`). */
  kubeInjections?: readonly KubeInjectionCheck[];
}

/** What meshcd last applied to the cluster: the inventory's `kube:` entries' last-applied objects. */
export const expectedKubeFromInventory = (inventory: readonly InventoryEntry[]): ExpectedKubeObject[] =>
  entriesOf(inventory, 'kube').map((e) => ({
    key: e.key,
    object: (e.lastAppliedSpec ?? {}) as Record<string, unknown>,
    ...(e.uid ? { uid: e.uid } : {}),
  }));

const identity = (r: ExpectedMeshResource | ObservedMeshResource): DriftIdentity => ({
  key: r.key,
  provider: 'appmesh' as const,
  kind: r.kind,
  name: r.name,
  meshName: r.meshName,
  ...(r.virtualRouterName ? { parentName: r.virtualRouterName } : {}),
  ...(r.virtualGatewayName ? { parentName: r.virtualGatewayName } : {}),
});

/** Differences of the spec only, with paths from the resource root, ignored fields removed on both sides. */
function specDifferences(
  expected: ExpectedMeshResource,
  actual: unknown,
  rules: readonly IgnoreRule[],
): FieldDiff[] {
  const e = applyIgnoreRules({ spec: expected.spec }, rules, expected.kind, 'appmesh');
  const a = applyIgnoreRules({ spec: actual }, rules, expected.kind, 'appmesh');
  // The engine's own comparison, so server-filled defaults and set-like lists never read as drift.
  return diffSpec(expected.kind, e.spec, a.spec).map((d) => ({
    ...d,
    path: d.path ? `spec.${d.path}` : 'spec',
  }));
}

/**
 * What could not be looked at is Unknown, and stays out of the plan: a failed Describe, a mesh that could
 * not be listed, a spec neither described nor vouched for by the inventory.
 */
function unobservableItem(
  e: ExpectedMeshResource,
  o: ObservedMeshResource | undefined,
  entry: AppMeshEntry | undefined,
  unobservable: Unobservable | undefined,
): DriftItem | undefined {
  const arn = o?.arn ?? entry?.arn;
  const base = {
    ...identity(e),
    ...(arn ? { arn } : {}),
    ...(entry ? { sourceRevision: entry.sourceRevision } : {}),
  };
  const describeError = unobservable?.resources?.get(e.key);
  if (describeError) return { ...base, state: 'Unknown', reason: 'describe-failed', error: describeError };
  const listError = unobservable?.meshes?.get(e.meshName);
  if (listError && !o) return { ...base, state: 'Unknown', reason: 'list-failed', error: listError };
  if (o && actualSpec(o, entry) === undefined)
    return { ...base, state: 'Unknown', reason: 'describe-failed', error: 'the resource was not described' };
  return undefined;
}

/**
 * App Mesh drift: the plan from the baseline to what was observed (computePlan, adopting, so a same-named
 * resource meshcd did not record is still compared), classified as every provider's is (classifyPlanDrift).
 * Spec differences are the plan's, recomputed with the ignore rules applied.
 */
function classifyMeshDrift(input: ClassifyDriftInput, rules: readonly IgnoreRule[]): DriftItem[] {
  const meshInventory = entriesOf(input.inventory, 'appmesh');
  const inventory = new Map(meshInventory.map((e) => [e.key, e]));
  const observed = new Map(input.observed.map((o) => [o.key, o]));
  const expected = input.desired ?? expectedFromInventory(input.inventory);
  const unknown = expected.flatMap(
    (e) => unobservableItem(e, observed.get(e.key), inventory.get(e.key), input.unobservable) ?? [],
  );
  const unknownKeys = new Set(unknown.map((i) => i.key));
  const known = <T extends { key: string }>(r: T) => !unknownKeys.has(r.key);
  const plan = computePlan({
    targetId: input.targetId ?? '',
    // Without the account every resource is compared as another account's: ownership then rests on the
    // inventory and the owner tag alone, as it does for drift.
    accountId: input.accountId ?? '',
    // Planned only to be classified, never written: what was last applied stands in for Git.
    desired: expected.filter(known) as DesiredMeshResource[],
    observed: input.observed.filter(known),
    inventory: meshInventory,
    policy: { ...defaultTargetPolicy, adopt: true, prune: true },
    allowPrune: true,
  });
  const items = classifyPlanDrift({
    changes: plan.changes,
    observed: input.observed.filter(known),
    inventory: input.inventory,
    ...(input.targetId ? { targetId: input.targetId } : {}),
    identity: (r) => identity('action' in r ? (r.desired ?? r.observed)! : r),
    differences: (c, o) =>
      o && c.desired ? specDifferences(c.desired, actualSpec(o, inventory.get(c.key)), rules) : c.diff,
    // A mesh meshcd does not declare is the container it was given (a shared mesh), not an unmanaged resource.
    container: (kind) => kind === 'Mesh',
  });
  return [...unknown, ...items];
}

/**
 * Classifies every App Mesh resource of a target's meshes (and, when observed, its cluster objects):
 * InSync, Modified with field differences, Missing, Unmanaged or Unknown. Pure: observation is the
 * caller's (see observeMesh).
 */
export function classifyDrift(input: ClassifyDriftInput): DriftItem[] {
  const rules = input.ignore.map(parseIgnoreRule);
  const items = classifyMeshDrift(input, rules);
  if (input.observedKube) {
    const inventory = new Map(entriesOf(input.inventory, 'kube').map((e) => [e.key, e]));
    // Git's objects carry no uid: the instance meshcd applied is the one the inventory recorded.
    const kubeExpected = (input.desiredKube ?? expectedKubeFromInventory(input.inventory)).map((e) => {
      const uid = e.uid ?? inventory.get(e.key)?.uid;
      return uid ? { ...e, uid } : e;
    });
    items.push(
      ...classifyKubeDrift(kubeExpected, input.observedKube, rules, {
        ...(input.unmanagedKube ? { unmanaged: input.unmanagedKube } : {}),
        ...(input.kubeInjections ? { injections: input.kubeInjections } : {}),
        ...(input.targetId ? { targetId: input.targetId } : {}),
      }),
    );
  }
  return sortDriftItems(items);
}
