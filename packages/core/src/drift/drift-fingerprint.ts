import { createHash } from 'node:crypto';
import { canonicalJson } from '../plan/normalise-spec.ts';
import type { DriftItem } from './drift-item.ts';

/**
 * Digest of what is out of sync and how: keys, states, reasons and differences of every item that is not
 * InSync. Two checks with the same digest found the same drift, so nothing new needs announcing.
 */
export function driftFingerprint(items: readonly DriftItem[]): string {
  const drift = items
    .filter((i) => i.state !== 'InSync')
    .map((i) => [i.key, i.state, i.reason ?? null, i.differences ?? null])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  return createHash('sha256').update(canonicalJson(drift)).digest('hex').slice(0, 32);
}
