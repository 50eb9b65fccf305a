/** Structural equality of JSON values; key order of objects carries no meaning. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  const ka = Object.keys(a);
  const rb = b as Record<string, unknown>;
  return (
    ka.length === Object.keys(rb).length &&
    ka.every((k) => k in rb && deepEqual((a as Record<string, unknown>)[k], rb[k]))
  );
}

export const clone = <T>(value: T): T => (value === undefined ? value : structuredClone(value));
