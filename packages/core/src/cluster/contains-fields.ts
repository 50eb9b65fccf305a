import type { FieldDiff } from '../plan/diff-spec.ts';
import { canonicalJson } from '../plan/normalise-spec.ts';
import { listItemKey } from './list-item-key.ts';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const join = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

/**
 * The fields of `expected` that `actual` lacks or holds with another value. One-directional, as a
 * server-side apply is: what the server or other managers add is not a difference. Keyed lists
 * (containers by name, env by name…) are compared item by item whatever their order.
 */
export function missingFields(expected: unknown, actual: unknown, path = '', field = ''): FieldDiff[] {
  if (isObject(expected) && isObject(actual)) {
    return Object.keys(expected)
      .sort()
      .flatMap((k) => missingFields(expected[k], actual[k], join(path, k), k));
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const keyed = expected.every((item) => listItemKey(field, item) !== undefined);
    if (keyed) {
      const items = expected.flatMap((item, i) => {
        const match = actual.find((a) => listItemKey(field, a) === listItemKey(field, item));
        return missingFields(item, match, join(path, i), '');
      });
      return [...items, ...orderDiff(field, expected, actual, path)];
    }
    if (expected.length === actual.length)
      return expected.flatMap((item, i) => missingFields(item, actual[i], join(path, i), ''));
  }
  if (expected === undefined) return [];
  return canonicalJson(expected) === canonicalJson(actual) ? [] : [{ path, expected, actual }];
}

/**
 * A keyed list that names some items by key only does so to set their order (Envoy before the app's
 * containers): the order of those keys in `actual` must then be the expected one.
 */
function orderDiff(field: string, expected: unknown[], actual: unknown[], path: string): FieldDiff[] {
  if (!expected.some((item) => isObject(item) && Object.keys(item).length === 1)) return [];
  const want = expected.map((item) => listItemKey(field, item));
  const have = actual.map((item) => listItemKey(field, item)).filter((k) => want.includes(k));
  return canonicalJson(want) === canonicalJson(have) ? [] : [{ path, expected: want, actual: have }];
}
