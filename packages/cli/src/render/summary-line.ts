import type { DetectDriftResult } from '@meshcd/core';

type DriftSummary = DetectDriftResult['summary'];

const percent = (ratio: number) => `${Math.round(ratio * 100)}%`;

/** The one-line summary in driftctl's words, which people already know how to read. */
export function summaryLine(s: DriftSummary): string {
  const parts = [
    `Found ${s.total} resource(s)`,
    `${percent(s.coverage)} coverage`,
    `${s.managed} managed by Git`,
    `${s.counts.Unmanaged} not in Git`,
    `${s.counts.Missing} missing`,
    `${s.counts.Modified}/${s.managed} changed outside meshcd`,
  ];
  if (s.counts.Unknown > 0) parts.push(`${s.counts.Unknown} could not be checked`);
  return parts.join(' - ');
}

/** A value as a diff shows it: JSON, or `(absent)`. */
export const showValue = (v: unknown): string => (v === undefined ? '(absent)' : JSON.stringify(v));

/** A quota ratio as a percentage ('∞' for a limit of 0 that is used). */
export const showRatio = (ratio: number): string => (Number.isFinite(ratio) ? percent(ratio) : '∞');
