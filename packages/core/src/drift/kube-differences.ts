import { listItemKey } from '../cluster/list-item-key.ts';
import type { FieldDiff } from '../plan/diff-spec.ts';
import { canonicalJson } from '../plan/normalise-spec.ts';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

function collect(expected: unknown, actual: unknown, path: string, field: string, out: FieldDiff[]): void {
  if (expected === undefined) return;
  if (isObject(expected) && isObject(actual)) {
    for (const key of Object.keys(expected).sort())
      collect(expected[key], actual[key], join(path, key), key, out);
    return;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length > 0 && expected.every((item) => listItemKey(field, item) !== undefined)) {
      for (const item of expected) {
        const key = listItemKey(field, item);
        const match = actual.find((a) => listItemKey(field, a) === key);
        collect(item, match, `${path}[${key}]`, '', out);
      }
      return;
    }
    if (expected.length === actual.length) {
      for (const [i, item] of expected.entries()) collect(item, actual[i], `${path}[${i}]`, '', out);
      return;
    }
  }
  if (canonicalJson(expected) !== canonicalJson(actual)) out.push({ path, expected, actual });
}

/**
 * The fields of `expected` that `actual` lacks or holds with another value, with paths from the object root
 * (`spec.template.spec.containers[name=app].image`). One-directional, as a server-side apply is: whatever
 * the API server defaults and other field managers add is never a difference.
 */
export function kubeDifferences(expected: unknown, actual: unknown): FieldDiff[] {
  const out: FieldDiff[] = [];
  collect(expected, actual, '', '', out);
  return out;
}
