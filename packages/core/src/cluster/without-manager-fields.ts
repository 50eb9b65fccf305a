type FieldsNode = Record<string, unknown>;
type Json = unknown;

interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  fieldsV1?: FieldsNode;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isLeaf = (node: unknown) => isObject(node) && Object.keys(node).every((k) => k === '.');

function itemMatches(item: Json, element: string): boolean {
  if (element.startsWith('v:')) return JSON.stringify(item) === element.slice(2);
  if (!isObject(item)) return false;
  const key = JSON.parse(element.slice(2)) as Record<string, Json>;
  return Object.entries(key).every(
    ([k, v]) => item[k] === v || (k === 'protocol' && v === 'TCP' && item[k] === undefined),
  );
}

/** Removes from `value` what `node` owns and no node of `others` also owns. */
function strip(value: Json, node: FieldsNode, others: FieldsNode[]): void {
  for (const [element, child] of Object.entries(node)) {
    if (element === '.' || !isObject(child)) continue;
    const shared = others.map((o) => o[element]).filter(isObject);
    if (element.startsWith('f:') && isObject(value)) {
      const name = element.slice(2);
      if (!(name in value)) continue;
      if (shared.length === 0 && (isLeaf(child) || '.' in child)) {
        delete value[name];
        continue;
      }
      strip(value[name], child, shared);
      const v = value[name];
      if (shared.length === 0 && isObject(v) && Object.keys(v).length === 0) delete value[name];
      if (shared.length === 0 && Array.isArray(v) && v.length === 0) delete value[name];
    } else if ((element.startsWith('k:') || element.startsWith('v:')) && Array.isArray(value)) {
      const index = value.findIndex((item) => itemMatches(item, element));
      if (index < 0) continue;
      if (shared.length === 0 && (isLeaf(child) || '.' in child)) value.splice(index, 1);
      else strip(value[index], child, shared);
    }
  }
}

/**
 * The object as it would be without the fields only `manager` owns (its server-side apply entry in
 * managedFields): a workload's template as its owner wrote it, before the injector's fields. Fields another
 * manager also owns stay. Returns a copy; an object without managedFields comes back unchanged.
 */
export function withoutManagerFields<T extends Record<string, unknown>>(object: T, manager: string): T {
  const copy = structuredClone(object);
  const metadata = (copy.metadata ?? {}) as { managedFields?: ManagedFieldsEntry[] };
  const entries = metadata.managedFields ?? [];
  const own = entries.filter((e) => e.manager === manager && e.operation === 'Apply');
  const others = entries.filter((e) => !(e.manager === manager && e.operation === 'Apply'));
  for (const entry of own) {
    if (entry.fieldsV1)
      strip(
        copy,
        entry.fieldsV1,
        others.map((o) => o.fieldsV1 ?? {}),
      );
  }
  return copy;
}
