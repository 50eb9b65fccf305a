/**
 * Field paths in the structured-merge-diff vocabulary that managedFields uses:
 * `f:<field>` a map field, `k:{"name":"app"}` an item of a list keyed by some of its fields,
 * `v:<json>` an item of a set-like list. A path is a list of such elements.
 *
 * The real server knows each field's list type from the OpenAPI schema. The emulator carries the
 * handful of hints that matter for the objects it serves; any other list is atomic (owned and
 * replaced as a whole), which is also what the real server does for lists without markers.
 */
export type PathElement = string;
export type FieldPath = readonly PathElement[];

type Json = unknown;

/** Key fields of associative lists, by field name; `ports` depends on what the items look like. */
const listKeys: Record<string, readonly string[]> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  env: ['name'],
  volumes: ['name'],
  volumeMounts: ['mountPath'],
  volumeDevices: ['devicePath'],
  imagePullSecrets: ['name'],
  hostAliases: ['ip'],
  conditions: ['type'],
  resourceClaims: ['name'],
  ownerReferences: ['uid'],
  topologySpreadConstraints: ['topologyKey', 'whenUnsatisfiable'],
};

/** Lists of scalars that behave as sets. */
const setLists = new Set(['finalizers']);

/** Maps owned as a whole: label selectors and Service selectors are atomic on the real server. */
const atomicMaps = new Set(['selector', 'podSelector', 'namespaceSelector', 'labelSelector']);

export type ListType = { kind: 'map'; keys: readonly string[] } | { kind: 'set' } | { kind: 'atomic' };

/** How a list field is merged and owned, judged from its name and (for `ports`) its items. */
export function listTypeOf(field: string, items: readonly Json[]): ListType {
  if (field === 'ports') {
    const containerPorts = items.some((i) => isObject(i) && 'containerPort' in i);
    return { kind: 'map', keys: containerPorts ? ['containerPort', 'protocol'] : ['port', 'protocol'] };
  }
  const keys = listKeys[field];
  if (keys) return { kind: 'map', keys };
  if (setLists.has(field)) return { kind: 'set' };
  return { kind: 'atomic' };
}

export const isAtomicMap = (field: string): boolean => atomicMaps.has(field);

/** The key element of a list item: key fields sorted by name, `protocol` defaulted as the server does. */
export function itemElement(type: ListType, item: Json): PathElement {
  if (type.kind === 'set') return `v:${JSON.stringify(item)}`;
  if (type.kind === 'atomic' || !isObject(item)) return `v:${JSON.stringify(item)}`;
  const key: Record<string, Json> = {};
  for (const k of [...type.keys].sort()) {
    const value = item[k] ?? (k === 'protocol' ? 'TCP' : undefined);
    if (value !== undefined) key[k] = value;
  }
  return `k:${JSON.stringify(key)}`;
}

/** Finds the index of the item a path element names, or -1. */
export function findItem(type: ListType, items: readonly Json[], element: PathElement): number {
  return items.findIndex((item) => itemElement(type, item) === element);
}

/** The value at a path, or undefined when some step is missing. */
export function valueAt(root: Json, path: FieldPath): Json {
  let node: Json = root;
  let field = '';
  for (const element of path) {
    if (element.startsWith('f:')) {
      if (!isObject(node)) return undefined;
      field = element.slice(2);
      node = node[field];
    } else {
      if (!Array.isArray(node)) return undefined;
      const index = findItem(listTypeOf(field, node), node, element);
      if (index < 0) return undefined;
      node = node[index];
    }
  }
  return node;
}

/** Removes the field or list item a path names; a missing path is already removed. */
export function removeAt(root: Json, path: FieldPath): void {
  const parentPath = path.slice(0, -1);
  const last = path[path.length - 1];
  if (last === undefined) return;
  const parent = valueAt(root, parentPath);
  if (last.startsWith('f:')) {
    if (isObject(parent)) delete parent[last.slice(2)];
    return;
  }
  if (!Array.isArray(parent)) return;
  const field =
    [...parentPath]
      .reverse()
      .find((e) => e.startsWith('f:'))
      ?.slice(2) ?? '';
  const index = findItem(listTypeOf(field, parent), parent, last);
  if (index >= 0) parent.splice(index, 1);
}

export const pathKey = (path: FieldPath): string => JSON.stringify(path);
export const parsePathKey = (key: string): FieldPath => JSON.parse(key) as FieldPath;

export function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
