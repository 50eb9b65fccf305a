import type { ObservedMeshResource } from '../observe/observed-mesh-resource.ts';
import { diffSpec, type FieldDiff } from '../plan/diff-spec.ts';
import { isRecordedInstance, ownerTagKey } from '../plan/ownership.ts';
import { type AppMeshEntry, entriesOf, type InventoryEntry } from '../state/inventory-entry.ts';
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

const identity = (r: ExpectedMeshResource | ObservedMeshResource) => ({
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

/** What tells the stranger from the resource meshcd recorded: the ARN, else the uid, else the creation time. */
function instanceDifference(entry: AppMeshEntry, o: ObservedMeshResource): FieldDiff {
  if (entry.arn !== o.arn) return { path: 'arn', expected: entry.arn, actual: o.arn };
  if (entry.uid !== undefined && o.uid !== undefined)
    return { path: 'metadata.uid', expected: entry.uid, actual: o.uid };
  return { path: 'metadata.createdAt', expected: entry.createdAt, actual: o.createdAt };
}

function classifyExpected(
  e: ExpectedMeshResource,
  o: ObservedMeshResource | undefined,
  entry: AppMeshEntry | undefined,
  input: ClassifyDriftInput,
  rules: readonly IgnoreRule[],
): DriftItem {
  const base = {
    ...identity(e),
    ...((o?.arn ?? entry?.arn) ? { arn: o?.arn ?? entry?.arn } : {}),
    ...(entry ? { sourceRevision: entry.sourceRevision } : {}),
  };
  const describeError = input.unobservable?.resources?.get(e.key);
  if (describeError) return { ...base, state: 'Unknown', reason: 'describe-failed', error: describeError };
  const listError = input.unobservable?.meshes?.get(e.meshName);
  if (listError && !o) return { ...base, state: 'Unknown', reason: 'list-failed', error: listError };
  if (!o) return { ...base, state: 'Missing' };
  if (entry?.arn && !isRecordedInstance(o, entry) && o.tags?.[ownerTagKey] !== input.targetId) {
    return { ...base, state: 'Modified', reason: 'replaced', differences: [instanceDifference(entry, o)] };
  }
  // Same instance and version as meshcd last wrote: the service still has the last-applied spec.
  const unchanged = isRecordedInstance(o, entry) && entry.version === o.version;
  const actual = unchanged ? entry.lastAppliedSpec : o.spec;
  if (actual === undefined)
    return { ...base, state: 'Unknown', reason: 'describe-failed', error: 'the resource was not described' };
  const differences = specDifferences(e, actual, rules);
  return differences.length > 0
    ? { ...base, state: 'Modified', reason: 'spec-changed', differences }
    : { ...base, state: 'InSync' };
}

/**
 * Classifies every App Mesh resource of a target's meshes (and, when observed, its cluster objects):
 * InSync, Modified with field differences, Missing, Unmanaged or Unknown. Pure: observation is the
 * caller's (see observeMesh).
 */
export function classifyDrift(input: ClassifyDriftInput): DriftItem[] {
  const rules = input.ignore.map(parseIgnoreRule);
  const inventory = new Map(entriesOf(input.inventory, 'appmesh').map((e) => [e.key, e]));
  const kubeInventory = new Map(entriesOf(input.inventory, 'kube').map((e) => [e.key, e]));
  const observed = new Map(input.observed.map((o) => [o.key, o]));
  const expected = input.desired ?? expectedFromInventory(input.inventory);
  const expectedKeys = new Set(expected.map((e) => e.key));

  const items = expected.map((e) =>
    classifyExpected(e, observed.get(e.key), inventory.get(e.key), input, rules),
  );
  for (const o of input.observed) {
    // A mesh meshcd does not declare is the container it was given (a shared mesh), not an unmanaged resource.
    if (expectedKeys.has(o.key) || o.kind === 'Mesh') continue;
    const entry = inventory.get(o.key);
    items.push({
      ...identity(o),
      arn: o.arn,
      state: 'Unmanaged',
      reason: entry ? 'removed-from-git' : 'not-in-git',
      ...(entry ? { sourceRevision: entry.sourceRevision } : {}),
    });
  }
  if (input.observedKube) {
    // Git's objects carry no uid: the instance meshcd applied is the one the inventory recorded.
    const kubeExpected = (input.desiredKube ?? expectedKubeFromInventory(input.inventory)).map((e) => {
      const uid = e.uid ?? kubeInventory.get(e.key)?.uid;
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
