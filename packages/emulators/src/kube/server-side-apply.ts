import {
  findItem,
  isAtomicMap,
  isObject,
  itemElement,
  listTypeOf,
  parsePathKey,
  removeAt,
  valueAt,
} from './field-path.ts';
import { fieldSetOf, ownsPathOrBelow } from './field-set.ts';
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
    if (!others.some((o) => ownsPathOrBelow(o.fields, path))) removeAt(merged, path);
  }
  own.fields = appliedFields;
  own.time = time;
  own.apiVersion = config.apiVersion;
  const present = fieldSetOf(merged);
  for (const other of others) for (const key of other.fields) if (!present.has(key)) other.fields.delete(key);
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
    if (type.kind === 'map') {
      const out = [...live];
      for (const item of applied) {
        const index = findItem(type, out, itemElement(type, item));
        if (index >= 0) out[index] = merge(out[index], item, '');
        else out.push(clone(item));
      }
      return out;
    }
  }
  return clone(applied);
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
