import type { DriftItem, DriftSummary } from '../drift/drift-item.ts';
import type { QuotaLine } from '../drift/quota-report.ts';

/**
 * One drift check's result as recorded: the history of a target's drift, and the "last report" the next
 * check compares with so events go out only when something changed.
 */
export interface DriftRecord {
  targetId: string;
  runId: string;
  /** ISO-8601 time of the check. */
  detectedAt: string;
  /** The revision drift was measured against (the manifest tree's, or the last applied one). */
  revision?: string;
  /** A full check, or a targeted check of one resource merged into the previous report. */
  scope: 'full' | 'resource';
  summary: DriftSummary;
  /** Every classified item, InSync ones included (a targeted check replaces one of them). */
  items: DriftItem[];
  quotas: QuotaLine[];
  /** Digest of the non-InSync items with their differences: equal digests mean nothing changed. */
  driftFingerprint: string;
}
