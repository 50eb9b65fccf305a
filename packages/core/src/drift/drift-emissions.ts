import { parseMeshKey } from '../appmesh/appmesh-key.ts';
import type { Target } from '../target.ts';
import type { DriftItem, DriftState, DriftSummary } from './drift-item.ts';
import { isWorseLevel, type QuotaLine, type QuotaThresholds, quotaLineId } from './quota-report.ts';

/** Detail of `Drift Detected` (packages/events drift-detected.ts, schema version 1). */
interface DriftDetectedEventDetail {
  schemaVersion: '1';
  targetId: string;
  runId: string;
  revision?: string;
  detectedAt: string;
  summary: Partial<Record<DriftState, number>>;
  resources: Array<Pick<DriftItem, 'key' | 'kind' | 'state' | 'differences'>>;
  truncatedResources?: number;
}

/** Detail of `Quota Threshold Reached` (packages/events quota-threshold-reached.ts, schema version 1). */
interface QuotaThresholdEventDetail {
  schemaVersion: '1';
  targetId: string;
  accountId: string;
  region: string;
  meshName?: string;
  quota: { name: string; code?: string; limit: number; usage: number; limitSource: QuotaLine['limitSource'] };
  threshold: number;
  detectedAt: string;
}

/** An event the caller publishes (through packages/events outboundEntry, which validates it). */
export type DriftEmission =
  | { detailType: 'Drift Detected'; detail: DriftDetectedEventDetail }
  | { detailType: 'Quota Threshold Reached'; detail: QuotaThresholdEventDetail };

export interface EmissionInput {
  target: Target;
  runId: string;
  revision?: string;
  detectedAt: string;
  items: readonly DriftItem[];
  summary: DriftSummary;
  fingerprint: string;
  quotas: readonly QuotaLine[];
  thresholds: QuotaThresholds;
  /** The previous report: the baseline for "changed". */
  last?: { driftFingerprint: string; quotas: readonly QuotaLine[] };
  /** Bound on resources listed in one event (EventBridge entries are at most 256 KB). Default 100. */
  maxResources?: number;
}

/**
 * What to announce, and whether anything changed since the last report. Drift is announced when the set
 * of drifted resources or their differences changed and there is drift; a quota when it got to a more
 * serious level than last time. A scheduler that finds the same drift every hour stays silent.
 */
export function driftEmissions(input: EmissionInput): { changed: boolean; emissions: DriftEmission[] } {
  const emissions: DriftEmission[] = [];
  const driftChanged = input.fingerprint !== input.last?.driftFingerprint;
  const outOfSync = input.items.filter((i) => i.state !== 'InSync');
  if (driftChanged && outOfSync.length > 0) {
    const max = input.maxResources ?? 100;
    const summary = Object.fromEntries(Object.entries(input.summary.counts).filter(([, n]) => n > 0));
    emissions.push({
      detailType: 'Drift Detected',
      detail: {
        schemaVersion: '1',
        targetId: input.target.id,
        runId: input.runId,
        revision: input.revision || undefined,
        detectedAt: input.detectedAt,
        summary,
        resources: outOfSync.slice(0, max).map((i) => ({
          key: i.key,
          kind: i.kind,
          state: i.state,
          differences: i.differences,
        })),
        truncatedResources: outOfSync.length > max ? outOfSync.length - max : undefined,
      },
    });
  }
  const before = new Map(input.last?.quotas.map((q) => [quotaLineId(q), q.level]));
  let quotaChanged = false;
  for (const q of input.quotas) {
    const previous = before.get(quotaLineId(q));
    if ((previous ?? 'ok') !== q.level) quotaChanged = true;
    if (q.level === 'ok' || !isWorseLevel(q.level, previous)) continue;
    const meshName = q.keys[0] ? parseMeshKey(q.keys[0])?.meshName : undefined;
    emissions.push({
      detailType: 'Quota Threshold Reached',
      detail: {
        schemaVersion: '1',
        targetId: input.target.id,
        accountId: input.target.accountId,
        region: input.target.region,
        meshName: q.scope === 'account' ? undefined : meshName || undefined,
        quota: {
          name: q.title,
          code: q.code || undefined,
          limit: q.limit,
          usage: q.used,
          limitSource: q.limitSource,
        },
        threshold: q.level === 'warn' ? input.thresholds.warn : 1,
        detectedAt: input.detectedAt,
      },
    });
  }
  return { changed: driftChanged || quotaChanged, emissions };
}
