import {
  type FieldPath,
  isAtomicMap,
  isObject,
  itemElement,
  listTypeOf,
  type PathElement,
  parsePathKey,
  pathKey,
} from './field-path.ts';

/** A set of field paths (kept as their string keys so ordinary Set operations apply). */
export type FieldSet = Set<string>;

/** Top-level and metadata fields the server owns itself: never part of anyone's managed fields. */
const untrackedTop = new Set(['apiVersion', 'kind', 'status']);
const untrackedMetadata = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'managedFields',
  'selfLink',
]);

/**
 * The fields an object sets, as the real server's ToFieldSet computes them: every leaf (scalar, null,
 * empty map, atomic list or map) and every item of an associative list (the `.` of fieldsV1).
 */
export function fieldSetOf(object: Record<string, unknown>): FieldSet {
  const set: FieldSet = new Set();
  for (const [key, value] of Object.entries(object)) {
    if (untrackedTop.has(key)) continue;
    if (key === 'metadata' && isObject(value)) {
      for (const [mk, mv] of Object.entries(value)) {
        if (!untrackedMetadata.has(mk)) walk(mv, ['f:metadata', `f:${mk}`], mk, set);
      }
      continue;
    }
    walk(value, [`f:${key}`], key, set);
  }
  return set;
}

function walk(value: unknown, path: PathElement[], field: string, set: FieldSet): void {
  if (isObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0 || isAtomicMap(field)) {
      set.add(pathKey(path));
      return;
    }
    for (const [key, child] of entries) walk(child, [...path, `f:${key}`], key, set);
    return;
  }
  if (Array.isArray(value)) {
    const type = listTypeOf(field, value);
    // An empty list is owned as a value, like an empty map: the manager asserted "none".
    if (type.kind === 'atomic' || value.length === 0) {
      set.add(pathKey(path));
      return;
    }
    for (const item of value) {
      const itemPath = [...path, itemElement(type, item)];
      set.add(pathKey(itemPath));
      if (type.kind === 'map' && isObject(item)) {
        for (const [key, child] of Object.entries(item)) walk(child, [...itemPath, `f:${key}`], key, set);
      }
    }
    return;
  }
  set.add(pathKey(path));
}

/** True when the set holds the path itself or anything below it. */
export function ownsPathOrBelow(set: FieldSet, path: FieldPath): boolean {
  const key = pathKey(path);
  const below = `${key.slice(0, -1)},`;
  for (const member of set) if (member === key || member.startsWith(below)) return true;
  return false;
}

interface TreeNode {
  member: boolean;
  children: Map<string, TreeNode>;
}

/** Serialises a set in the `fieldsV1` form kubectl shows: `{"f:spec":{"f:replicas":{}}}`, `.` for members with children. */
export function toFieldsV1(set: FieldSet): Record<string, unknown> {
  const root: TreeNode = { member: false, children: new Map() };
  for (const key of set) {
    let node = root;
    for (const element of parsePathKey(key)) {
      let child = node.children.get(element);
      if (!child) {
        child = { member: false, children: new Map() };
        node.children.set(element, child);
      }
      node = child;
    }
    node.member = true;
  }
  return render(root);
}

function render(node: TreeNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (node.member && node.children.size > 0) out['.'] = {};
  for (const element of [...node.children.keys()].sort()) out[element] = render(node.children.get(element)!);
  return out;
}

/** Parses `fieldsV1` back into a set; the inverse of toFieldsV1. */
export function fromFieldsV1(
  fields: unknown,
  prefix: PathElement[] = [],
  set: FieldSet = new Set(),
): FieldSet {
  if (!isObject(fields)) return set;
  for (const [element, child] of Object.entries(fields)) {
    if (element === '.') {
      set.add(pathKey(prefix));
      continue;
    }
    const path = [...prefix, element];
    if (isObject(child) && Object.keys(child).length > 0) fromFieldsV1(child, path, set);
    else set.add(pathKey(path));
  }
  return set;
}
