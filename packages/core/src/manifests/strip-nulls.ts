/**
 * Drops `key: null` entries, recursively. `field:` with no value parses as null, and the API server treats a
 * null in a non-nullable field as absent; meshcd does the same instead of reporting a type error.
 */
export function stripNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripNulls);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v !== null) out[key] = stripNulls(v);
  }
  return out;
}
