import type { DetectDriftResult, DriftItem } from '@meshcd/core';
import { buildTopology, type Topology } from './topology.ts';

type CountedResource = DetectDriftResult['resources'][number];
type QuotaLine = DetectDriftResult['quotas'][number];
type DriftSummary = DetectDriftResult['summary'];

/** The drift and quota report every renderer works from; its JSON form is stable (schemaVersion). */
export interface DriftReport {
  schemaVersion: '1';
  targetId: string;
  generatedAt: string;
  /** The revision drift was measured against. */
  revision?: string;
  summary: DriftSummary;
  /** Every classified resource, sorted by key. */
  items: DriftItem[];
  /** Quota lines, fullest first. */
  quotas: QuotaLine[];
  topology: Topology;
}

interface DriftReportInput {
  targetId: string;
  generatedAt: string;
  revision?: string;
  items: readonly DriftItem[];
  summary: DriftSummary;
  quotas: readonly QuotaLine[];
  /** Resources with their specs, for the topology (detectDrift's `resources`). */
  resources: readonly CountedResource[];
}

/** Computes the report model; rendering is separate (JSON, Markdown, HTML). */
export function buildDriftReport(input: DriftReportInput): DriftReport {
  return {
    schemaVersion: '1',
    targetId: input.targetId,
    generatedAt: input.generatedAt,
    ...(input.revision ? { revision: input.revision } : {}),
    summary: input.summary,
    items: [...input.items],
    quotas: [...input.quotas].sort(
      (a, b) => b.ratio - a.ratio || a.quota.localeCompare(b.quota) || a.scope.localeCompare(b.scope),
    ),
    topology: buildTopology(input.resources, input.items),
  };
}
