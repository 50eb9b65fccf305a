import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import {
  buildDriftReport,
  type DetectDriftResult,
  type DriftReport,
  detectDrift,
  formatDiagnostic,
  isDrifted,
  isError,
  loadManifests,
  renderReportJson,
  resolveDesiredState,
} from '@meshcd/core';
import { ExitCode } from '../exit-codes.ts';
import type { OutputFormat, WorldOptions } from '../options.ts';
import { readManifestTree } from '../read-manifest-tree.ts';
import { renderDriftText } from '../render/render-drift.ts';
import { treeRevision } from '../run-reconcile.ts';

export interface DriftCheckOptions extends WorldOptions {
  /** Re-apply what meshcd last applied over Modified and Missing resources (as a self-healing target would). */
  heal?: boolean;
}

export type DriftCheck =
  | { ok: true; report: DriftReport; result: DetectDriftResult }
  | { ok: false; message: string };

/**
 * One drift check on the local world or a deployed target (read-only): against the manifest tree in `dir` when given, otherwise against
 * what meshcd last applied. Read-only unless `heal` is set: the check is not recorded as the scheduled
 * check's baseline, so running it never silences an announcement.
 */
export async function runDriftCheck(
  dir: string | undefined,
  options: DriftCheckOptions,
): Promise<DriftCheck> {
  if (options.heal && !options.local) {
    return {
      ok: false,
      message: '--heal writes: self-heal of a deployed target runs in its detect-drift function',
    };
  }
  if (options.heal && dir !== undefined) {
    // Healing restores what was last applied; converging on a tree is what apply does.
    return {
      ok: false,
      message: '--heal restores the last applied state; to converge on a manifest tree, run meshcd apply',
    };
  }
  let files: Awaited<ReturnType<typeof readManifestTree>> | undefined;
  if (dir !== undefined) {
    const info = await stat(dir).catch(() => undefined);
    if (!info?.isDirectory()) return { ok: false, message: `${dir} is not a directory` };
    files = await readManifestTree(dir);
  }
  // Loaded here, not at start: a world pulls in the SDK (and locally the emulators and the Kubernetes client).
  const { openWorld } = await import('../world/open-world.ts');
  const world = await openWorld('drift', options, {
    commandLine: `meshcd drift --local${options.heal ? ' --heal' : ''}`,
    write: options.heal === true,
  }).catch((error: Error) => error);
  if (world instanceof Error) return { ok: false, message: world.message };
  try {
    let desired: Parameters<typeof detectDrift>[0]['desired'];
    if (files) {
      const loaded = loadManifests(files);
      const resolved = resolveDesiredState(loaded.objects, {
        namespaceLabels: world.namespaceLabels,
        accountId: world.target.accountId,
      });
      const errors = [...loaded.diagnostics, ...(resolved.ok ? [] : resolved.diagnostics)].filter(isError);
      if (!resolved.ok || errors.length > 0) {
        return {
          ok: false,
          message: `the manifests are invalid:\n${errors.map(formatDiagnostic).join('\n')}`,
        };
      }
      desired = resolved.desired.meshResources;
    }
    const result = await detectDrift({
      target: world.target,
      mesh: world.mesh,
      state: world.state,
      ...(world.cluster ? { cluster: world.cluster } : {}),
      ...(world.cloudMap ? { cloudMap: world.cloudMap } : {}),
      ...(desired && files ? { desired, revision: treeRevision(files) } : {}),
      record: false,
      heal: options.heal === true,
      runId: randomUUID(),
      now: () => new Date(),
    });
    const report = buildDriftReport({
      targetId: world.target.id,
      generatedAt: result.record.detectedAt,
      ...(result.revision ? { revision: result.revision } : {}),
      items: result.items,
      summary: result.summary,
      quotas: result.quotas,
      resources: result.resources,
    });
    return { ok: true, report, result };
  } finally {
    await world.close();
  }
}

/** 2 when anything drifted; 1 when something could not be checked (in sync is not proven); else 0. */
export const driftExitCode = (report: DriftReport): ExitCode =>
  report.items.some(isDrifted)
    ? ExitCode.changes
    : report.items.some((i) => i.state === 'Unknown')
      ? ExitCode.error
      : ExitCode.ok;

/** `meshcd drift`: one check, printed; its exit code says whether anything drifted. */
export async function runDrift(
  dir: string | undefined,
  options: DriftCheckOptions & { output: OutputFormat },
): Promise<ExitCode> {
  const check = await runDriftCheck(dir, options);
  if (!check.ok) {
    process.stderr.write(`meshcd drift: ${check.message}\n`);
    return ExitCode.error;
  }
  process.stdout.write(
    options.output === 'json'
      ? renderReportJson(check.report)
      : renderDriftText(check.report, process.stdout.isTTY === true),
  );
  const healed = check.result.healed;
  if (healed && options.output !== 'json') {
    const failed = healed.outcomes.filter((o) => o.status !== 'done');
    process.stdout.write(
      `Self-heal: ${healed.outcomes.length - failed.length} resource(s) restored to the last applied spec${failed.length ? `, ${failed.length} failed` : ''}.\n`,
    );
  }
  const healedCluster = check.result.healedCluster;
  if (healedCluster && options.output !== 'json') {
    const failed = healedCluster.outcomes.filter((o) => o.status !== 'done');
    process.stdout.write(
      `Self-heal: ${healedCluster.outcomes.length - failed.length} cluster object(s) and injection(s) restored to what was last applied${failed.length ? `, ${failed.length} failed` : ''}.\n`,
    );
  }
  return driftExitCode(check.report);
}
