import { randomUUID } from 'node:crypto';
import {
  type DesiredState,
  type DetectDriftResult,
  detectDrift,
  isDrifted,
  isError,
  loadManifests,
  ManifestError,
  type ManifestFile,
  resolveDesiredState,
  type Target,
  translateToLattice,
} from '@meshcd/core';
import { ExitCode } from '../exit-codes.ts';
import type { OutputFormat, WorldOptions } from '../options.ts';
import { readManifestDir } from '../read-manifest-tree.ts';
import { renderDriftText } from '../render/render-drift.ts';
import { renderReportJson } from '../render/render-report-json.ts';
import { buildDriftReport, type DriftReport } from '../report/drift-report.ts';
import { CommandLineError, reportFailure, type UsageReason } from '../report-failure.ts';
import { treeRevision } from '../run-reconcile.ts';

export interface DriftCheckOptions extends WorldOptions {
  /** Re-apply what meshcd last applied over Modified and Missing resources (as a self-healing target would). */
  heal?: boolean;
}

/** What a check found, for either provider: what the report, the self-heal lines and the exit code read. */
type CheckedDrift = Pick<
  DetectDriftResult,
  'items' | 'summary' | 'revision' | 'record' | 'quotas' | 'resources' | 'healed' | 'healedCluster'
>;

export type DriftCheck =
  | { ok: true; report: DriftReport; result: CheckedDrift }
  | { ok: false; error: Error };

const refuse = (reason: UsageReason, message: string): DriftCheck => ({
  ok: false,
  error: new CommandLineError(reason, message),
});

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
    return refuse(
      'bad-arguments',
      '--heal writes: self-heal of a deployed target runs in its detect-drift function',
    );
  }
  if (options.heal && dir !== undefined) {
    // Healing restores what was last applied; converging on a tree is what apply does.
    return refuse(
      'bad-arguments',
      '--heal restores the last applied state; to converge on a manifest tree, run meshcd apply',
    );
  }
  let files: ManifestFile[] | undefined;
  if (dir !== undefined) {
    try {
      files = await readManifestDir(dir);
    } catch (error) {
      return { ok: false, error: error as Error };
    }
  }
  // Loaded here, not at start: a world pulls in the SDK (and locally the emulators and the Kubernetes client).
  const { openWorld } = await import('../world/open-world.ts');
  const world = await openWorld('drift', options, {
    commandLine: `meshcd drift --local${options.heal ? ' --heal' : ''}`,
    write: options.heal === true,
  }).catch((error: Error) => error);
  if (world instanceof Error) return { ok: false, error: world };
  try {
    let resolvedDesired: DesiredState | undefined;
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
          error: new ManifestError(errors),
        };
      }
      resolvedDesired = resolved.desired;
    }
    const revision = files ? treeRevision(files) : undefined;
    const common = {
      target: world.target,
      state: world.state,
      ...(world.cluster ? { cluster: world.cluster } : {}),
      record: false,
      heal: options.heal === true,
      runId: randomUUID(),
      now: () => new Date(),
    };
    // A Lattice target's drift is on Lattice alone: App Mesh is never read for it.
    const result = world.lattice
      ? await detectDrift({
          ...common,
          lattice: world.lattice,
          ...(resolvedDesired && revision
            ? { desired: latticeDesired(resolvedDesired, world.target), revision }
            : {}),
        })
      : await detectDrift({
          ...common,
          mesh: world.mesh,
          ...(world.cloudMap ? { cloudMap: world.cloudMap } : {}),
          ...(resolvedDesired && revision ? { desired: resolvedDesired.meshResources, revision } : {}),
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

/** The Lattice resources a manifest tree translates to, with the target's Lattice options. */
const latticeDesired = (desired: DesiredState, target: Target) =>
  translateToLattice(desired, {
    targetId: target.id,
    options: target.lattice ?? { vpcId: '', authType: 'NONE' },
  }).desired.resources;

/**
 * 2 when anything drifted and was not healed; 1 when something could not be checked (in sync is not proven);
 * else 0. `healed`: keys self-heal restored, which are in sync now.
 */
export const driftExitCode = (report: DriftReport, healed: ReadonlySet<string> = new Set()): ExitCode =>
  report.items.some((i) => isDrifted(i) && !healed.has(i.key))
    ? ExitCode.changes
    : report.items.some((i) => i.state === 'Unknown')
      ? ExitCode.error
      : ExitCode.ok;

/** The keys self-heal restored, App Mesh resources and cluster objects alike. */
const healedKeys = (result: CheckedDrift): Set<string> =>
  new Set(
    [...(result.healed?.outcomes ?? []), ...(result.healedCluster?.outcomes ?? [])]
      .filter((o) => o.status === 'done')
      .map((o) => o.key),
  );

/** `meshcd drift`: one check, printed; its exit code says whether anything drifted. */
export async function runDrift(
  dir: string | undefined,
  options: DriftCheckOptions & { output: OutputFormat },
): Promise<ExitCode> {
  const check = await runDriftCheck(dir, options);
  if (!check.ok) {
    reportFailure('drift', check.error, options.output);
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
  return driftExitCode(check.report, healedKeys(check.result));
}
