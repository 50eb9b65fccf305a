import { findItem, isObject, itemElement, listTypeOf } from './field-path.ts';
import { clone } from './json-value.ts';

/**
 * Strategic merge patch, approximated with the same list hints as server-side apply: lists with merge
 * keys (containers, ports, env, volumes…) merge item by item, set-like lists union, other lists
 * replace. Supports the `$patch: delete|replace` and `$deleteFromPrimitiveList/<field>` directives
 * and ignores the ordering directives (`$setElementOrder/…`, `$retainKeys`) kubectl sends.
 */
export function strategicMergePatch(target: unknown, patch: unknown, field = ''): unknown {
  if (Array.isArray(patch)) return patchList(Array.isArray(target) ? target : [], patch, field);
  if (!isObject(patch)) return clone(patch);
  if (patch.$patch === 'replace') return withoutDirectives(patch);
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$deleteFromPrimitiveList/')) {
      const name = key.slice('$deleteFromPrimitiveList/'.length);
      const current = out[name];
      if (Array.isArray(current) && Array.isArray(value))
        out[name] = current.filter((v) => !value.includes(v));
      continue;
    }
    if (key.startsWith('$')) continue;
    if (value === null) delete out[key];
    else out[key] = strategicMergePatch(out[key], value, key);
  }
  return out;
}

function patchList(target: unknown[], patch: unknown[], field: string): unknown[] {
  const type = listTypeOf(field, patch.length > 0 ? patch : target);
  if (type.kind === 'atomic') return clone(patch);
  if (type.kind === 'set') return [...target, ...patch.filter((v) => !target.includes(v))];
  const out = [...target];
  for (const item of patch) {
    if (isObject(item) && item.$patch === 'replace') return clone(patch.filter((i) => i !== item));
    const index = findItem(type, out, itemElement(type, item));
    if (isObject(item) && item.$patch === 'delete') {
      if (index >= 0) out.splice(index, 1);
      continue;
    }
    if (index >= 0) out[index] = strategicMergePatch(out[index], item);
    else out.push(withoutDirectives(item));
  }
  return out;
}

function withoutDirectives(value: unknown): unknown {
  if (!isObject(value)) return clone(value);
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !k.startsWith('$'))
      .map(([k, v]) => [k, withoutDirectives(v)]),
  );
}
