import { createHash } from 'node:crypto';
import { canonicalJson, normaliseSpec } from './normalise-spec.ts';

/** Stable hash of a normalised spec: equal specs hash equal whatever their key order or empty fields. */
export function specHash(spec: unknown): string {
  return createHash('sha256')
    .update(canonicalJson(normaliseSpec(spec) ?? {}))
    .digest('hex');
}
