import type { DesiredKubeObject } from '../desired/desired-state.ts';
import { kubeKeyOf, parseKubeKey } from '../desired/inventory-key.ts';
import { appliedFieldDiffs, type FieldDiff } from '../plan/diff-spec.ts';
import type { PlanAction } from '../plan/plan-types.ts';
import { specHash } from '../plan/spec-hash.ts';
import { guardUnloadedSources } from '../plan/unloaded-source-guard.ts';
import { summarise } from '../provider/change.ts';
import type { InventoryEntry } from '../state/inventory-entry.ts';
import type { TargetPolicy } from '../target.ts';
import {
  gitFieldManager,
  injectionMarkOf,
  injectorFieldManager,
  isOwnedBy,
  withOwnership,
} from './cluster-ownership.ts';
import type { ClusterBlocker, ClusterChange, ClusterPlan, ClusterPlanReason } from './cluster-plan-types.ts';
import type { ClusterIssue } from './cluster-workload.ts';
import { injectionBody, injectionMark, yieldToInjection } from './injection-body.ts';
import { applyWave, deleteWave, injectionWave } from './kube-order.ts';
import type { LiveObject, PlannedInjection } from './plan-injections.ts';

export interface ClusterPlanInput {
  targetId: string;
  /** The plain Kubernetes objects of the manifest set. */
  desired: readonly DesiredKubeObject[];
  /** The injection each workload should carry, by workload key. */
  injections: ReadonlyMap<string, PlannedInjection>;
  /** Live objects by `kube:` key: every desired, inventoried or owned-and-listed key; absent = not found. */
  observed: ReadonlyMap<string, LiveObject>;
  /** Live workloads of the namespaces injection concerns (those carrying an injection are checked). */
  liveWorkloads: readonly LiveObject[];
  /** The target's `kube:` inventory entries. */
  inventory: readonly InventoryEntry[];
  policy: TargetPolicy;
  allowPrune?: boolean;
  issues?: readonly ClusterIssue[];
  /** Desired keys whose kind the cluster does not serve: skipped, as applying them can only fail. */
  unserved?: ReadonlySet<string>;
  /** Files of the tree that did not load (see LoadedManifests): what they held is not pruned. */
  unloadedFiles?: readonly string[];
}

const parseKey = (key: string) => parseKubeKey(key) ?? { namespace: '', group: '', kind: '', name: '' };

/**
 * The cluster's change set, computed apart from applying it: Git objects under the `meshcd` field manager
 * (Namespaces first), each workload's injection under `meshcd-injector` once the workloads exist, and the
 * objects that left Git pruned in reverse order, only those carrying this target's label and annotation.
 */
export function computeClusterPlan(input: ClusterPlanInput): ClusterPlan {
  const changes: ClusterChange[] = [];
  const forget: string[] = [];
  const desiredKeys = new Set(input.desired.map((d) => d.key));
  const recorded = new Map(input.inventory.map((e) => [e.key, e]));

  for (const d of input.desired) {
    const body = withOwnership(
      yieldToInjection(d.object, input.injections.get(d.key)?.injection),
      input.targetId,
    );
    const live = input.observed.get(d.key);
    const base = {
      subject: 'object' as const,
      key: d.key,
      apiVersion: d.object.apiVersion,
      kind: d.object.kind,
      namespace: parseKey(d.key).namespace,
      name: d.object.metadata.name,
      wave: applyWave(d.object.kind),
      source: d.source,
    };
    const write = (action: PlanAction, reason: ClusterPlanReason, diff: FieldDiff[] = []) =>
      changes.push({ ...base, action, reason, body, fieldManager: gitFieldManager, diff });
    if (input.unserved?.has(d.key)) {
      changes.push({ ...base, action: 'skip', reason: 'kind-not-served', diff: [] });
      continue;
    }
    if (!live) {
      write('create', 'not-found');
      continue;
    }
    const diff = appliedFieldDiffs(body, live);
    if (!isOwnedBy(live, input.targetId)) {
      if (input.policy.adopt) write('update', 'adopt', diff);
      else changes.push({ ...base, action: 'skip', reason: 'unowned-conflict', diff: [] });
      continue;
    }
    // A changed hash also catches fields removed from Git, which the live object still holds.
    if (recorded.get(d.key)?.specHash !== specHash(body)) write('update', 'spec-changed', diff);
    else if (diff.length > 0) write('update', 'drifted', diff);
    else changes.push({ ...base, action: 'unchanged', reason: 'in-sync', diff: [] });
  }

  changes.push(...injectionChanges(input));

  const pruneKeys = new Set(input.inventory.map((e) => e.key));
  for (const [key, live] of input.observed) if (isOwnedBy(live, input.targetId)) pruneKeys.add(key);
  for (const key of [...pruneKeys].sort()) {
    if (desiredKeys.has(key)) continue;
    const live = input.observed.get(key);
    const id = parseKey(key);
    if (!live) {
      if (recorded.has(key)) forget.push(key);
      continue;
    }
    const base = {
      subject: 'object' as const,
      key,
      apiVersion: live.apiVersion,
      kind: live.kind,
      namespace: id.namespace,
      name: live.metadata.name,
      wave: deleteWave(live.kind),
      diff: [],
    };
    if (!isOwnedBy(live, input.targetId)) {
      changes.push({ ...base, action: 'skip', reason: 'foreign-owner' });
      if (recorded.has(key)) forget.push(key);
    } else if (!input.policy.prune) {
      changes.push({ ...base, action: 'skip', reason: 'prune-disabled' });
    } else {
      changes.push({ ...base, action: 'delete', reason: 'removed-from-git' });
    }
  }

  changes.sort((a, b) => a.wave - b.wave || a.key.localeCompare(b.key) || a.subject.localeCompare(b.subject));
  const issues = [...(input.issues ?? [])];
  const blockers = [
    ...guardClusterPrune(changes, input),
    ...guardUnloadedSources(changes, input.inventory, [
      ...(input.unloadedFiles ?? []),
      ...unservedFiles(input),
    ]),
    ...issueBlockers(issues),
  ];
  return { targetId: input.targetId, changes, blockers, issues, forget, summary: summarise(changes) };
}

/** Each workload's injection against what the cluster carries: the mark says what was applied, the fields whether it is still there. */
function injectionChanges(input: ClusterPlanInput): ClusterChange[] {
  const changes: ClusterChange[] = [];
  const live = new Map(
    input.liveWorkloads.map((w) => [`${w.metadata.namespace ?? 'default'}/${w.kind}/${w.metadata.name}`, w]),
  );
  const seen = new Set<string>();
  const change = (
    action: PlanAction,
    reason: ClusterPlanReason,
    w: { key: string; apiVersion: string; kind: string; namespace: string; name: string },
    body: Record<string, unknown> | undefined,
    memberKey: string | undefined,
    diff: FieldDiff[] = [],
  ): ClusterChange => ({
    action,
    reason,
    subject: 'injection',
    key: w.key,
    apiVersion: w.apiVersion,
    kind: w.kind,
    namespace: w.namespace,
    name: w.name,
    wave: injectionWave,
    body,
    fieldManager: body ? injectorFieldManager : undefined,
    memberKey: memberKey || undefined,
    diff,
  });
  for (const { workload, injection } of input.injections.values()) {
    const id = `${workload.namespace}/${workload.kind}/${workload.name}`;
    seen.add(id);
    const body = injectionBody(workload, injection);
    const current = live.get(id) ?? input.observed.get(workload.key);
    const mark = current ? injectionMarkOf(current) : undefined;
    if (!current || mark === undefined) {
      changes.push(change('create', 'not-injected', workload, body, injection.memberKey));
      continue;
    }
    const diff = appliedFieldDiffs(body, current);
    if (mark !== injectionMark(injection))
      changes.push(change('update', 'injection-changed', workload, body, injection.memberKey, diff));
    else if (diff.length > 0)
      changes.push(
        change('update', 'injection-removed-out-of-band', workload, body, injection.memberKey, diff),
      );
    else changes.push(change('unchanged', 'in-sync', workload, undefined, injection.memberKey));
  }
  for (const [id, w] of live) {
    if (seen.has(id) || injectionMarkOf(w) === undefined) continue;
    const namespace = w.metadata.namespace ?? 'default';
    const workload = {
      key: kubeKeyOf(w, namespace),
      apiVersion: w.apiVersion,
      kind: w.kind,
      namespace,
      name: w.metadata.name,
    };
    // Its member left Git, or it no longer matches: the empty apply takes back exactly what was injected.
    changes.push(change('delete', 'member-removed', workload, injectionBody(workload, undefined), undefined));
  }
  return changes;
}

function guardClusterPrune(changes: readonly ClusterChange[], input: ClusterPlanInput): ClusterBlocker[] {
  if (input.allowPrune) return [];
  const deletes = changes.filter((c) => c.action === 'delete' && c.subject === 'object');
  const blockers: ClusterBlocker[] = [];
  const namespaces = deletes.filter((c) => c.kind === 'Namespace');
  if (namespaces.length > 0) {
    blockers.push({
      reason: 'namespace-deletion',
      message: `the plan deletes namespace${namespaces.length === 1 ? '' : 's'} ${namespaces.map((n) => n.name).join(', ')} and everything in them; pass --allow-prune to allow it`,
      keys: namespaces.map((n) => n.key),
    });
  }
  const managed = input.inventory.length;
  if (managed > 0 && deletes.length / managed > input.policy.pruneGuardRatio) {
    blockers.push({
      reason: 'prune-guard',
      message: `the plan deletes ${deletes.length} of ${managed} managed cluster objects, more than the guard's ${Math.round(input.policy.pruneGuardRatio * 100)}%; pass --allow-prune to allow it`,
      keys: deletes.map((d) => d.key),
    });
  }
  return blockers;
}

/**
 * Files holding an object of a kind the cluster does not serve (often a misspelt kind: `Deploymnet`): the
 * object is skipped, so what the file held before must not be pruned as if it had left Git.
 */
const unservedFiles = (input: ClusterPlanInput): string[] =>
  input.desired.filter((d) => input.unserved?.has(d.key) && d.source).map((d) => d.source.location.file);

const issueBlockers = (issues: readonly ClusterIssue[]): ClusterBlocker[] =>
  issues
    .filter((i) => i.severity === 'error')
    .map((i) => ({ reason: 'conflict' as const, message: i.message, keys: [i.key] }));
