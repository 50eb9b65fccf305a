import {
  isAtomicMap,
  isObject,
  itemElement,
  type ListType,
  listTypeOf,
  parsePathKey,
  pathKey,
  removeAt,
  valueAt,
} from './field-path.ts';
import { type FieldSet, fieldSetOf, ownsPathOrBelow } from './field-set.ts';
import { clone, deepEqual } from './json-value.ts';
import type { KubeObject } from './kube-object.ts';
import { KubeStatusError, type StatusCause } from './kube-status-error.ts';
import { ownerEntry, readOwnership, writeOwnership } from './managed-fields.ts';

export interface ApplyRequest {
  /** The object as stored, or undefined when the apply creates it. */
  live: KubeObject | undefined;
  /** The applied configuration: only the fields this manager has opinions about. */
  applied: KubeObject;
  manager: string;
  /** `force=true`: take conflicting fields from their owners instead of failing. */
  force: boolean;
  time: string;
}

/**
 * Server-side apply, as structured-merge-diff does it: the applied fields merge into the live object
 * and become the manager's; changing a field another manager owns is a conflict unless forced; a field
 * the manager applied before and no longer applies is removed, unless another manager still owns it.
 * Returns the new object (metadata bookkeeping other than managedFields is left to the caller).
 */
export function serverSideApply({ live, applied, manager, force, time }: ApplyRequest): KubeObject {
  const config = clone(applied);
  delete config.status;
  delete config.metadata.managedFields;
  const base: KubeObject = live
    ? clone(live)
    : { apiVersion: config.apiVersion, kind: config.kind, metadata: { name: config.metadata.name } };
  const owners = readOwnership(base);
  const appliedFields = fieldSetOf(config);
  const merged = merge(base, config, '') as KubeObject;

  const conflicts: StatusCause[] = [];
  for (const key of appliedFields) {
    const path = parsePathKey(key);
    if (!path.at(-1)?.startsWith('f:')) continue;
    if (deepEqual(valueAt(base, path), valueAt(merged, path))) continue;
    for (const other of owners) {
      if ((other.manager === manager && other.operation === 'Apply') || !other.fields.has(key)) continue;
      if (force) other.fields.delete(key);
      else conflicts.push(conflictCause(other.manager, other.apiVersion, path));
    }
  }
  if (conflicts.length > 0) throw conflictError(base, conflicts);

  const own = ownerEntry(owners, manager, 'Apply', config.apiVersion);
  const others = owners.filter((o) => o !== own);
  for (const key of own.fields) {
    if (appliedFields.has(key)) continue;
    const path = parsePathKey(key);
    // Kept while this apply still sets something inside it, or another manager owns any of it.
    if (ownsPathOrBelow(appliedFields, path)) continue;
    if (others.some((o) => ownsPathOrBelow(o.fields, path))) continue;
    removeAt(merged, path);
    pruneEmptyParents(merged, path, [appliedFields, ...others.map((o) => o.fields)]);
  }
  own.fields = appliedFields;
  own.time = time;
  own.apiVersion = config.apiVersion;
  for (const other of others) {
    for (const key of other.fields)
      if (valueAt(merged, parsePathKey(key)) === undefined) other.fields.delete(key);
  }
  writeOwnership(merged, owners);
  return merged;
}

function merge(live: unknown, applied: unknown, field: string): unknown {
  if (isObject(applied) && isObject(live) && !isAtomicMap(field)) {
    const out: Record<string, unknown> = { ...live };
    for (const [key, value] of Object.entries(applied)) out[key] = merge(live[key], value, key);
    return out;
  }
  if (Array.isArray(applied) && Array.isArray(live)) {
    const type = listTypeOf(field, applied.length > 0 ? applied : live);
    if (type.kind === 'set') return [...live, ...applied.filter((v) => !live.some((l) => deepEqual(l, v)))];
    if (type.kind === 'map') return mergeKeyedList(type, live, applied);
  }
  return clone(applied);
}

/** Removing the last field of a map (or item of a list) leaves no empty husk that nobody set. */
function pruneEmptyParents(object: KubeObject, path: readonly string[], owners: FieldSet[]): void {
  for (let depth = path.length - 1; depth > 0; depth--) {
    const parent = path.slice(0, depth);
    const value = valueAt(object, parent);
    const empty = Array.isArray(value)
      ? value.length === 0
      : isObject(value) && Object.keys(value).length === 0;
    if (!empty || owners.some((set) => set.has(pathKey(parent)))) return;
    removeAt(object, parent);
  }
}

/**
 * Keyed lists merge the way structured-merge-diff does: items in both lists follow the applied order,
 * items only the live list has keep their place among them, and new items go where the applied list
 * puts them. So re-applying an unchanged configuration never reorders another manager's items.
 */
function mergeKeyedList(type: ListType, live: unknown[], applied: unknown[]): unknown[] {
  const liveKeys = live.map((item) => itemElement(type, item));
  const appliedKeys = applied.map((item) => itemElement(type, item));
  const inApplied = new Set(appliedKeys);
  const liveIndex = new Map(liveKeys.map((key, index) => [key, index]));
  const sharedOrder = appliedKeys.filter((key) => liveIndex.has(key));
  const merged = new Set<string>();
  const out: unknown[] = [];
  let next = 0;
  let l = 0;
  let r = 0;
  while (l < live.length || r < applied.length) {
    const liveKey = liveKeys[l];
    if (liveKey !== undefined && r < applied.length) {
      if (liveKey === appliedKeys[r]) {
        merged.add(liveKey);
        out.push(merge(live[l], applied[r], ''));
        l++;
        r++;
        next++;
        continue;
      }
      // A shared item that the applied order wants later: it is emitted when its turn comes.
      if (inApplied.has(liveKey) && next < sharedOrder.length && sharedOrder[next] !== liveKey) {
        l++;
        continue;
      }
    }
    if (liveKey !== undefined) {
      if (!inApplied.has(liveKey)) {
        out.push(clone(live[l]));
        l++;
        continue;
      }
      if (merged.has(liveKey)) {
        l++;
        continue;
      }
    }
    if (r < applied.length) {
      const key = appliedKeys[r]!;
      merged.add(key);
      const index = liveIndex.get(key);
      out.push(index === undefined ? clone(applied[r]) : merge(live[index], applied[r], ''));
      r++;
      if (sharedOrder[next] === key) next++;
    }
  }
  return out;
}

/** `.spec.template.spec.containers[name="app"].image`, the way the real server names a conflicting field. */
function describePath(path: readonly string[]): string {
  return path
    .map((e) => {
      if (e.startsWith('f:')) return `.${e.slice(2)}`;
      const key = JSON.parse(e.slice(2)) as unknown;
      if (!isObject(key)) return `[=${JSON.stringify(key)}]`;
      return `[${Object.entries(key)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(',')}]`;
    })
    .join('');
}

const conflictCause = (manager: string, apiVersion: string, path: readonly string[]): StatusCause => ({
  reason: 'FieldManagerConflict',
  message: `conflict with "${manager}" using ${apiVersion}`,
  field: describePath(path),
});

function conflictError(object: KubeObject, causes: StatusCause[]): KubeStatusError {
  const lines = causes.map((c) => `${c.message}: ${c.field}`).join('\n- ');
  const message =
    causes.length === 1
      ? `Apply failed with 1 conflict: ${lines}`
      : `Apply failed with ${causes.length} conflicts: \n- ${lines}`;
  return new KubeStatusError(409, 'Conflict', message, {
    name: object.metadata.name,
    kind: object.kind,
    causes,
  });
}
