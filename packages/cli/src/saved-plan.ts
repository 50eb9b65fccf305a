import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import type { ManifestFile, ReconcileLatticeResult, ReconcileResult } from '@meshcd/core';
import { CommandLineError } from './failure-report.ts';
import type { PlanReport } from './render/render-plan.ts';

/** `meshcd plan --out <file>`: what was planned, from which files, against which world. */
export interface SavedPlan {
  format: typeof savedPlanFormat;
  target: string;
  revision: string;
  allowPrune: boolean;
  /** Planned with `--refresh`: apply observes everything too, so it sees the world the plan saw. */
  refresh?: boolean;
  /** The manifests as planned: `apply --plan` applies these, not whatever the directory holds by then. */
  files: ManifestFile[];
  /** The world as the plan saw it (see planFingerprint); apply refuses when it no longer matches. */
  fingerprint: string;
  /** The plan itself, as `plan --output json` prints it, for people and scripts reviewing the file. */
  plan: PlanReport;
}

export const savedPlanFormat = 'meshcd-plan/v1';

/**
 * A digest of everything the plan decided and the versions it decided on: each App Mesh change (action, key,
 * reason, field differences, and the version of the resource observed) and each cluster change. Any write to a
 * planned resource since (a version bump, a deletion, a new conflict) changes it.
 */
export function planFingerprint(result: ReconcileResult): string {
  const mesh = (result.plan?.changes ?? []).map((c) => [
    c.action,
    c.key,
    c.reason,
    c.observed?.version ?? null,
    c.diff,
  ]);
  const cluster = (result.clusterPlan?.changes ?? []).map((c) => [
    c.action,
    c.subject,
    c.key,
    c.reason,
    c.diff,
  ]);
  const blockers = [...(result.plan?.blockers ?? []), ...(result.clusterPlan?.blockers ?? [])].map(
    (b) => b.reason,
  );
  return createHash('sha256')
    .update(JSON.stringify({ status: result.status, mesh, cluster, blockers }))
    .digest('hex');
}

/** planFingerprint for a Lattice plan: each change with the `lastUpdatedAt` of the resource observed. */
export function latticePlanFingerprint(result: ReconcileLatticeResult): string {
  const lattice = (result.latticePlan?.changes ?? []).map((c) => [
    c.action,
    c.key,
    c.reason,
    c.observed?.lastUpdatedAt ?? null,
    c.diff,
  ]);
  const blockers = (result.latticePlan?.blockers ?? []).map((b) => b.reason);
  return createHash('sha256')
    .update(JSON.stringify({ status: result.status, lattice, blockers }))
    .digest('hex');
}

export async function writeSavedPlan(file: string, plan: SavedPlan): Promise<void> {
  try {
    await writeFile(file, `${JSON.stringify(plan, null, 2)}\n`);
  } catch (error) {
    throw new CommandLineError(
      'cannot-write',
      `cannot write the plan to ${file}: ${(error as Error).message}`,
    );
  }
}

export async function readSavedPlan(file: string): Promise<SavedPlan> {
  let parsed: Partial<SavedPlan>;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<SavedPlan>;
  } catch (error) {
    throw new CommandLineError('bad-plan', `cannot read the saved plan ${file}: ${(error as Error).message}`);
  }
  if (
    parsed.format !== savedPlanFormat ||
    typeof parsed.target !== 'string' ||
    typeof parsed.fingerprint !== 'string' ||
    !Array.isArray(parsed.files)
  ) {
    throw new CommandLineError(
      'bad-plan',
      `${file} is not a plan saved by meshcd plan --out (${savedPlanFormat})`,
    );
  }
  return parsed as SavedPlan;
}
