import type { FieldDiff } from '../plan/diff-spec.ts';
import { canonicalJson } from '../plan/normalise-spec.ts';
import type { DriftItem } from './drift-item.ts';
import { applyIgnoreRules, type IgnoreRule } from './ignore-rules.ts';

/** A cluster object as the cluster adapter observed it: the object, or why it could not be read. */
export interface ObservedKubeObject {
  /** `kube:<namespace>/<group>/<Kind>/<name>`. */
  key: string;
  /** Absent when the object does not exist (and `error` is unset). */
  object?: Record<string, unknown>;
  error?: string;
}

/** What a cluster object should look like: the manifest (or the last-applied object). */
export interface ExpectedKubeObject {
  key: string;
  object: Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const join = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

/**
 * One-directional comparison: only fields the expected object sets are compared, so everything the API
 * server and controllers add (defaults, status, managedFields, injected sidecars' own fields) is never
 * drift — the lesson of Argo CD's and Crossplane's noisy diffs.
 */
function collect(expected: unknown, actual: unknown, path: string, out: FieldDiff[]): void {
  if (isObject(expected) && isObject(actual)) {
    for (const key of Object.keys(expected).sort()) collect(expected[key], actual[key], join(path, key), out);
    return;
  }
  if (Array.isArray(expected) && Array.isArray(actual) && expected.length === actual.length) {
    for (const [i, item] of expected.entries()) collect(item, actual[i], join(path, i), out);
    return;
  }
  if (canonicalJson(expected) !== canonicalJson(actual)) out.push({ path, expected, actual });
}

const identity = (key: string) => {
  const [namespace = '', , kind = '', ...name] = key.slice('kube:'.length).split('/');
  return { namespace, kind, name: name.join('/') };
};

/**
 * Classifies the cluster objects of a target. Objects found in the cluster but not expected are not
 * reported: the cluster holds far more than any target manages, and "unmanaged" would be noise there.
 */
export function classifyKubeDrift(
  expected: readonly ExpectedKubeObject[],
  observed: readonly ObservedKubeObject[],
  rules: readonly IgnoreRule[],
): DriftItem[] {
  const byKey = new Map(observed.map((o) => [o.key, o]));
  return expected.map((e) => {
    const id = identity(e.key);
    const base = {
      key: e.key,
      provider: 'kube' as const,
      kind: id.kind,
      name: id.name,
      namespace: id.namespace,
    };
    const o = byKey.get(e.key);
    if (o?.error) return { ...base, state: 'Unknown', reason: 'describe-failed', error: o.error };
    if (!o?.object) return { ...base, state: 'Missing' };
    const differences: FieldDiff[] = [];
    collect(
      applyIgnoreRules(e.object, rules, id.kind, 'kube'),
      applyIgnoreRules(o.object, rules, id.kind, 'kube'),
      '',
      differences,
    );
    return differences.length > 0
      ? { ...base, state: 'Modified', reason: 'spec-changed', differences }
      : { ...base, state: 'InSync' };
  });
}
