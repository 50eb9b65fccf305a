import { isOwnedBy } from '../cluster/cluster-ownership.ts';
import { parseKubeKey } from '../desired/inventory-key.ts';
import { appliedFieldDiffs } from '../plan/diff-spec.ts';
import type { DriftItem, DriftReason } from './drift-item.ts';
import { applyIgnoreRules, type IgnoreRule } from './ignore-rules.ts';

/** A cluster object as the cluster adapter observed it: the object, or why it could not be read. */
export interface ObservedKubeObject {
  /** `kube:<namespace>/<group>/<Kind>/<name>`. */
  key: string;
  /** Absent when the object does not exist (and `error` is unset). */
  object?: Record<string, unknown>;
  error?: string;
  /** With `error`: a read of the object itself failed, or listing its kind did. Default describe-failed. */
  reason?: 'describe-failed' | 'list-failed';
}

/** What a cluster object should look like: the manifest (or the last-applied object). */
export interface ExpectedKubeObject {
  key: string;
  object: Record<string, unknown>;
  /** The uid of the instance meshcd applied, as the inventory recorded it. */
  uid?: string;
}

/** An object in a managed namespace that meshcd does not record: nobody's, or this target's but unrecorded. */
export interface UnmanagedKubeObject {
  key: string;
  reason: Extract<DriftReason, 'not-in-git' | 'removed-from-git'>;
}

/** One injected workload: the injector's apply body as it would be applied now, and the live workload. */
export interface KubeInjectionCheck {
  /** The workload's `kube:` key. */
  workloadKey: string;
  /** The injector's server-side apply body (only the injected fields and the mark). */
  expected: Record<string, unknown>;
  live: Record<string, unknown>;
  error?: string;
  reason?: 'describe-failed' | 'list-failed';
}

/** The drift item key of a workload's injection, beside the workload's own (a Git object may share it). */
export const injectionItemKey = (workloadKey: string): string => `${workloadKey}#injection`;

const identity = (key: string) => parseKubeKey(key) ?? { namespace: '', kind: '', name: '' };

const base = (key: string, workloadKey = key) => {
  const id = identity(workloadKey);
  return { key, provider: 'kube' as const, kind: id.kind, name: id.name, namespace: id.namespace };
};

/** One-directional comparison after the ignore rules: only the fields meshcd applied count. */
function compare(
  expected: Record<string, unknown>,
  actual: Record<string, unknown>,
  kind: string,
  rules: readonly IgnoreRule[],
) {
  return appliedFieldDiffs(
    applyIgnoreRules(expected, rules, kind, 'kube'),
    applyIgnoreRules(actual, rules, kind, 'kube'),
  );
}

/**
 * Classifies the cluster objects of a target: each expected object (what meshcd last applied), the
 * injections meshcd-injector applied, and the unrecorded objects the observation found in managed
 * namespaces. The cluster holds far more than any target manages, so only managed namespaces can have
 * Unmanaged objects.
 */
export function classifyKubeDrift(
  expected: readonly ExpectedKubeObject[],
  observed: readonly ObservedKubeObject[],
  rules: readonly IgnoreRule[],
  extra: {
    unmanaged?: readonly UnmanagedKubeObject[];
    injections?: readonly KubeInjectionCheck[];
    /** Tells an object meshcd applied from a same-named one someone else put in its place. */
    targetId?: string;
  } = {},
): DriftItem[] {
  const byKey = new Map(observed.map((o) => [o.key, o]));
  const items: DriftItem[] = expected.map((e) => {
    const item = base(e.key);
    const o = byKey.get(e.key);
    if (o?.error) return { ...item, state: 'Unknown', reason: o.reason ?? 'describe-failed', error: o.error };
    if (!o?.object) return { ...item, state: 'Missing' };
    const uid = (o.object.metadata as { uid?: unknown } | undefined)?.uid;
    const ours = extra.targetId !== undefined && isOwnedBy(o.object, extra.targetId);
    if (e.uid !== undefined && typeof uid === 'string' && uid !== e.uid && !ours) {
      // Deleted and re-created by someone else: another instance, whatever its content.
      const difference = { path: 'metadata.uid', expected: e.uid, actual: uid };
      return { ...item, state: 'Modified', reason: 'replaced', differences: [difference] };
    }
    const differences = compare(e.object, o.object, item.kind, rules);
    return differences.length > 0
      ? { ...item, state: 'Modified', reason: 'spec-changed', differences }
      : { ...item, state: 'InSync' };
  });
  for (const check of extra.injections ?? []) {
    const item = {
      ...base(injectionItemKey(check.workloadKey), check.workloadKey),
      subject: 'injection' as const,
    };
    if (check.error) {
      items.push({
        ...item,
        state: 'Unknown',
        reason: check.reason ?? 'describe-failed',
        error: check.error,
      });
    } else {
      const differences = compare(check.expected, check.live, item.kind, rules);
      items.push(
        differences.length > 0
          ? { ...item, state: 'Modified', reason: 'injection-changed', differences }
          : { ...item, state: 'InSync' },
      );
    }
  }
  for (const u of extra.unmanaged ?? []) items.push({ ...base(u.key), state: 'Unmanaged', reason: u.reason });
  return items;
}
