import { listItemKey } from '../cluster/list-item-key.ts';
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

/**
 * `both`: every field either side holds (an App Mesh spec, which the service holds exactly as sent).
 * `applied`: only the fields `expected` sets, as a server-side apply owns them: what the API server
 * defaults and other field managers add is never a difference.
 */
type Scope = 'both' | 'applied';

function collect(
  expected: unknown,
  actual: unknown,
  path: string,
  field: string,
  scope: Scope,
  out: FieldDiff[],
): void {
  if (scope === 'applied' && expected === undefined) return;
  if (isObject(expected) && isObject(actual)) {
    const keys =
      scope === 'both' ? [...Object.keys(expected), ...Object.keys(actual)] : Object.keys(expected);
    for (const key of [...new Set(keys)].sort())
      collect(expected[key], actual[key], join(path, key), key, scope, out);
    return;
  }
  if (
    (Array.isArray(expected) || Array.isArray(actual)) &&
    collectKeyed(expected, actual, path, field, scope, out)
  )
    return;
  if (Array.isArray(expected) && Array.isArray(actual) && expected.length === actual.length) {
    for (const [i, item] of expected.entries()) collect(item, actual[i], join(path, i), '', scope, out);
    return;
  }
  if (canonicalJson(expected) !== canonicalJson(actual)) out.push({ path, expected, actual });
}

/** A list's items by key, or undefined when one has none or two share one (the list is then compared whole). */
function byKey(field: string, items: unknown[]): Map<string, unknown> | undefined {
  const out = new Map<string, unknown>();
  for (const item of items) {
    const key = listItemKey(field, item);
    if (key === undefined || out.has(key)) return undefined;
    out.set(key, item);
  }
  return out;
}

/**
 * A keyed list item by item, matched by identity (`weightedTargets[virtualNode=canary]`): a target added to
 * a route is one added item, not the whole list twice. False when the list is not compared this way: its
 * items have no identity, or (both sides) every item was replaced by another in place (then
 * `[0].port: 8080 → 80` reads better than one listener removed and another added). An applied list owns
 * only its own items: others' items are no difference, and its order matters only where it names items by
 * key alone to set their order (Envoy before the app's containers).
 */
function collectKeyed(
  expected: unknown,
  actual: unknown,
  path: string,
  field: string,
  scope: Scope,
  out: FieldDiff[],
): boolean {
  const want = byKey(field, Array.isArray(expected) ? expected : []);
  const have = byKey(field, Array.isArray(actual) ? actual : []);
  if (!want || !have) return false;
  if (scope === 'applied') {
    if (!Array.isArray(expected) || !Array.isArray(actual)) return false;
    for (const [key, item] of want) collect(item, have.get(key), `${path}[${key}]`, '', scope, out);
    out.push(...orderDiff(field, expected, actual, path));
    return true;
  }
  if (want.size + have.size === 0) return false;
  const shared = [...want.keys()].filter((k) => have.has(k));
  if (shared.length === 0 && want.size === have.size) return false;
  const found: FieldDiff[] = [];
  for (const [key, item] of have)
    if (!want.has(key)) found.push({ path: `${path}[${key}]`, expected: undefined, actual: item });
  for (const [key, item] of want) collect(item, have.get(key), `${path}[${key}]`, '', scope, found);
  // The same items in another order: the order is the change.
  if (found.length === 0 && canonicalJson(expected) !== canonicalJson(actual))
    found.push({ path, expected, actual });
  out.push(...found);
  return true;
}

/** Items named by key alone set the order of those keys: `actual` must then hold them in that order. */
function orderDiff(field: string, expected: unknown[], actual: unknown[], path: string): FieldDiff[] {
  if (!expected.some((item) => isObject(item) && Object.keys(item).length === 1)) return [];
  const want = expected.map((item) => listItemKey(field, item));
  const have = actual.map((item) => listItemKey(field, item)).filter((k) => want.includes(k));
  return canonicalJson(want) === canonicalJson(have) ? [] : [{ path, expected: want, actual: have }];
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
  collect(expected, actual, '', '', 'both', out);
  return out;
}

/**
 * The fields of `expected` that `actual` lacks or holds with another value, with paths from the object root
 * (`spec.template.spec.containers[name=app].image`). One-directional, as a server-side apply is: the
 * cluster plan and cluster drift both compare what meshcd applies with what the cluster holds this way.
 */
export function appliedFieldDiffs(expected: unknown, actual: unknown): FieldDiff[] {
  const out: FieldDiff[] = [];
  collect(expected, actual, '', '', 'applied', out);
  return out;
}
