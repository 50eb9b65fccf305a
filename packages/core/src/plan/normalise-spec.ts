import { appMeshKinds } from '../appmesh/appmesh-kinds.ts';
import type { MeshResourceKind } from '../desired/desired-state.ts';

/**
 * Lists whose order carries no meaning, by path pattern (`*` matches one path segment). They are compared
 * as sets: the controller's order-sensitive comparison caused endless updates (#785).
 */
const setLikePaths = ['backends', 'listeners.*.tls.validation.subjectAlternativeNames.match.exact'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const matches = (pattern: string, path: string[]) => {
  const parts = pattern.split('.');
  return parts.length === path.length && parts.every((p, i) => p === '*' || p === path[i]);
};

/** Canonical JSON text of a value with sorted keys, used to order set members and to hash specs. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Puts a spec in the form both sides are compared in: empty lists, empty objects, null and absent are
 * all the same (EquateEmpty), set-like lists are sorted. Array indices become `*` in paths.
 */
export function normaliseSpec(value: unknown, path: string[] = []): Json | undefined {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    const items = value
      .map((v) => normaliseSpec(v, [...path, '*']))
      .filter((v): v is Json => v !== undefined);
    if (items.length === 0) return undefined;
    return setLikePaths.some((p) => matches(p, path))
      ? [...items].sort((a, b) => canonicalJson(a).localeCompare(canonicalJson(b)))
      : items;
  }
  if (isObject(value)) {
    const out: Record<string, Json> = {};
    for (const key of Object.keys(value).sort()) {
      const v = normaliseSpec(value[key], [...path, key]);
      if (v !== undefined) out[key] = v;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return value as Json;
}

/**
 * Removes from `actual` the service-filled fields that `desired` leaves unset, so a server default never
 * reads as a change (the kind table names those fields). Both arguments are normalised specs; paths run in parallel through list items.
 */
export function dropServiceFilled(kind: MeshResourceKind, desired: unknown, actual: unknown): unknown {
  return dropUnsetFields(appMeshKinds[kind].serviceFilled, desired, actual);
}

/** `actual` without the fields matching `patterns` that `desired` leaves unset (any provider's service-filled fields). */
export function dropUnsetFields(patterns: readonly string[], desired: unknown, actual: unknown): unknown {
  const walk = (d: unknown, a: unknown, path: string[]): unknown => {
    if (Array.isArray(a)) {
      const ds = Array.isArray(d) ? d : [];
      return a.map((item, i) => walk(ds[i], item, [...path, '*']));
    }
    if (!isObject(a)) return a;
    const out: Record<string, unknown> = {};
    const dObj = isObject(d) ? d : {};
    for (const [key, value] of Object.entries(a)) {
      const childPath = [...path, key];
      if (dObj[key] === undefined && patterns.some((p) => matches(p, childPath))) continue;
      out[key] = walk(dObj[key], value, childPath);
    }
    return out;
  };
  return walk(desired, actual, []);
}
