import type { MeshResourceKind } from '../desired/desired-state.ts';
import { canonicalJson, dropServiceFilled, normaliseSpec } from './normalise-spec.ts';

/** One field that differs: where, what Git wants, what the service has (undefined when absent). */
export interface FieldDiff {
  path: string;
  expected: unknown;
  actual: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const join = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

function collect(expected: unknown, actual: unknown, path: string, out: FieldDiff[]): void {
  if (isObject(expected) && isObject(actual)) {
    for (const key of [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort()) {
      collect(expected[key], actual[key], join(path, key), out);
    }
    return;
  }
  if (Array.isArray(expected) && Array.isArray(actual) && expected.length === actual.length) {
    for (const [i, item] of expected.entries()) collect(item, actual[i], join(path, i), out);
    return;
  }
  if (canonicalJson(expected) !== canonicalJson(actual)) out.push({ path, expected, actual });
}

/**
 * Field-level differences between a desired and an actual App Mesh spec, after normalisation: empty
 * equals absent, set-like lists compare as sets, and service-filled fields the desired spec leaves unset
 * are ignored. An empty result means no update is needed.
 */
export function diffSpec(kind: MeshResourceKind, desired: unknown, actual: unknown): FieldDiff[] {
  const d = normaliseSpec(desired);
  const a = normaliseSpec(dropServiceFilled(kind, d, normaliseSpec(actual)));
  return fieldDiffs(d, a);
}

/** Field-level differences between two specs already in normal form. */
export function fieldDiffs(expected: unknown, actual: unknown): FieldDiff[] {
  const out: FieldDiff[] = [];
  collect(expected, actual, '', out);
  return out;
}
