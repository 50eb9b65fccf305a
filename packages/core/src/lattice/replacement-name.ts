import { createHash } from 'node:crypto';
import { canonicalJson } from '../plan/normalise-spec.ts';

/**
 * The name a replacement target group is created under: Lattice names are unique per account, and the group
 * it replaces keeps its name until the listeners and rules have moved off it. The desired name when the old
 * group is under another one, else the desired name ending in 8 hex characters of the new configuration,
 * so the same change always picks the same name (a retried apply finds what it created).
 */
export function replacementName(desiredName: string, oldName: string, spec: unknown): string {
  if (oldName !== desiredName) return desiredName;
  const hash = createHash('sha256').update(canonicalJson(spec)).digest('hex').slice(0, 8);
  return `${desiredName.slice(0, 128 - 9).replace(/-+$/, '')}-${hash}`;
}
