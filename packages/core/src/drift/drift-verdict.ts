import type { DriftRecord } from '../state/drift-record.ts';
import { type DriftEmission, driftEmissions, type EmissionInput } from './drift-emissions.ts';
import { driftFingerprint } from './drift-fingerprint.ts';
import { type DriftSummary, summariseDrift } from './drift-item.ts';

/**
 * What a drift check concludes from its items, whatever the provider: the summary, what to announce
 * (only what changed since the last report) and the record that becomes the next baseline.
 */
export function driftVerdict(
  input: Omit<EmissionInput, 'summary' | 'fingerprint'> & { scope: DriftRecord['scope'] },
): { summary: DriftSummary; changed: boolean; emissions: DriftEmission[]; record: DriftRecord } {
  const { scope, ...rest } = input;
  const summary = summariseDrift(input.items);
  const fingerprint = driftFingerprint(input.items);
  const { changed, emissions } = driftEmissions({ ...rest, summary, fingerprint });
  const record: DriftRecord = {
    targetId: input.target.id,
    runId: input.runId,
    detectedAt: input.detectedAt,
    ...(input.revision ? { revision: input.revision } : {}),
    scope,
    summary,
    items: [...input.items],
    quotas: [...input.quotas],
    driftFingerprint: fingerprint,
  };
  return { summary, changed, emissions, record };
}
