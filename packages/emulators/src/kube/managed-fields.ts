import { type FieldPath, isObject, parsePathKey, valueAt } from './field-path.ts';
import { type FieldSet, fieldSetOf, fromFieldsV1, toFieldsV1 } from './field-set.ts';
import { deepEqual } from './json-value.ts';
import type { KubeObject } from './kube-object.ts';

export type ManagedOperation = 'Apply' | 'Update';

/** metadata.managedFields[i] exactly as the real server renders it. */
export interface ManagedFieldsEntry {
  manager: string;
  operation: ManagedOperation;
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
}

/** One manager's claim, with its fields as a set to compute with. */
export interface Ownership {
  manager: string;
  operation: ManagedOperation;
  apiVersion: string;
  time: string;
  fields: FieldSet;
}

export function readOwnership(object: KubeObject | undefined): Ownership[] {
  const entries = object?.metadata.managedFields;
  if (!Array.isArray(entries)) return [];
  return entries.filter(isObject).map((e) => ({
    manager: String(e.manager ?? ''),
    operation: e.operation === 'Apply' ? 'Apply' : 'Update',
    apiVersion: String(e.apiVersion ?? object?.apiVersion ?? ''),
    time: String(e.time ?? ''),
    fields: fromFieldsV1(e.fieldsV1),
  }));
}

/** Writes the claims back; a manager left owning nothing disappears, as on the real server. */
export function writeOwnership(object: KubeObject, owners: readonly Ownership[]): void {
  const entries: ManagedFieldsEntry[] = owners
    .filter((o) => o.fields.size > 0)
    .map((o) => ({
      manager: o.manager,
      operation: o.operation,
      apiVersion: o.apiVersion,
      time: o.time,
      fieldsType: 'FieldsV1',
      fieldsV1: toFieldsV1(o.fields),
    }));
  if (entries.length > 0) object.metadata.managedFields = entries;
  else delete object.metadata.managedFields;
}

export function ownerEntry(
  owners: Ownership[],
  manager: string,
  operation: ManagedOperation,
  apiVersion: string,
) {
  let owner = owners.find((o) => o.manager === manager && o.operation === operation);
  if (!owner) {
    owner = { manager, operation, apiVersion, time: '', fields: new Set() };
    owners.push(owner);
  }
  return owner;
}

/**
 * Records a non-apply write (create, update, patch) by `manager`: the fields it changed become its own
 * and leave every other manager; fields that no longer exist leave everyone.
 */
export function trackUpdate(
  previous: KubeObject | undefined,
  next: KubeObject,
  manager: string,
  time: string,
): void {
  const owners = readOwnership(previous);
  const before = previous ? fieldSetOf(previous) : new Set<string>();
  const after = fieldSetOf(next);
  const changed = [...after].filter((key) => {
    if (!before.has(key)) return true;
    const path: FieldPath = parsePathKey(key);
    // An item's own entry changes hands only when the item is new; its fields carry the edits.
    if (!path.at(-1)?.startsWith('f:')) return false;
    return !deepEqual(valueAt(previous, path), valueAt(next, path));
  });
  for (const owner of owners) {
    // A claim lapses when its field is gone, not merely when the field stopped being a leaf.
    for (const key of owner.fields)
      if (valueAt(next, parsePathKey(key)) === undefined) owner.fields.delete(key);
    for (const key of changed) owner.fields.delete(key);
  }
  if (changed.length > 0) {
    const own = ownerEntry(owners, manager, 'Update', next.apiVersion);
    for (const key of changed) own.fields.add(key);
    own.time = time;
    own.apiVersion = next.apiVersion;
  }
  writeOwnership(next, owners);
}
