import { createHash, randomUUID } from 'node:crypto';
import {
  hasWrites,
  type ManifestFile,
  type ReconcileLatticeResult,
  type ReconcileMode,
  type ReconcileResult,
  reconcile,
  type StateStore,
  validateManifests,
} from '@meshcd/core';
import { confirmApply, needsConfirmation } from './confirm-apply.ts';
import { ExitCode } from './exit-codes.ts';
import type { OutputFormat, WorldOptions } from './options.ts';
import { readManifestDir } from './read-manifest-tree.ts';
import { latticePlanReport } from './render/lattice-plan-report.ts';
import { type PlanReport, planReport, refusedReport, renderPlanText } from './render/render-plan.ts';
import { renderPlanMarkdown } from './render/render-plan-markdown.ts';
import { CommandLineError, reportFailure } from './report-failure.ts';
import {
  latticePlanFingerprint,
  planFingerprint,
  readSavedPlan,
  type SavedPlan,
  savedPlanFormat,
  writeSavedPlan,
} from './saved-plan.ts';
import { openWorld } from './world/open-world.ts';
import type { World } from './world/world.ts';

type ReconcileStatus = ReconcileResult['status'];

export interface ReconcileCommandOptions extends WorldOptions {
  output: OutputFormat;
  allowPrune?: boolean;
  /** Observe everything, not only what the change can touch. */
  refresh?: boolean;
  lockTimeout?: string;
  /** plan: save the plan to this file. */
  out?: string;
  /** apply: apply this saved plan instead of a directory. */
  plan?: string;
  /** apply: do not ask for confirmation on a terminal. */
  yes?: boolean;
}

/** A directory's revision: the hash of its manifest files, so the same tree is always the same revision. */
export const treeRevision = (files: { path: string; content: string }[]) => {
  const hash = createHash('sha256');
  for (const f of files) hash.update(`${f.path}\0${f.content}\0`);
  return `tree-${hash.digest('hex').slice(0, 12)}`;
};

/** What apply works from: a directory read now, or a saved plan's files and the world it was made against. */
interface Source {
  files: ManifestFile[];
  saved?: SavedPlan;
}

async function readSource(command: ReconcileMode, dir: string | undefined, options: ReconcileCommandOptions) {
  if (command === 'apply' && options.plan !== undefined) {
    if (dir !== undefined) {
      throw new CommandLineError(
        'bad-arguments',
        'give either a manifest directory or --plan <file>, not both',
      );
    }
    const saved = await readSavedPlan(options.plan);
    return { files: saved.files, saved } satisfies Source;
  }
  if (dir === undefined) {
    throw new CommandLineError(
      'bad-arguments',
      `${command} needs a manifest directory${command === 'apply' ? ' or --plan <file>' : ''}`,
    );
  }
  return { files: await readManifestDir(dir) } satisfies Source;
}

/** A plan computed to be shown or checked, not acted on: it is not part of the target's run history. */
const withoutRunRecord = (state: StateStore): StateStore =>
  Object.create(state, { recordRun: { value: async () => undefined } }) as StateStore;

/**
 * plan and apply: read the tree (or the saved plan), open the world, run the recipe, print, and map the
 * outcome to an exit code. A plan never writes to the world; apply on a terminal shows the plan and asks first.
 */
export async function runReconcile(
  command: ReconcileMode,
  dir: string | undefined,
  options: ReconcileCommandOptions,
): Promise<{ code: ExitCode }> {
  let source: Source;
  try {
    source = await readSource(command, dir, options);
  } catch (error) {
    reportFailure(command, error, options.output);
    return { code: ExitCode.error };
  }
  const { files, saved } = source;
  const revision = treeRevision(files);
  const allowPrune = saved ? saved.allowPrune : options.allowPrune === true;
  const refresh = saved?.refresh === true || options.refresh === true;
  if (command === 'plan') {
    // Invalid manifests are refused before the world is opened: a refused plan leaves the state untouched.
    const offline = validateManifests(files);
    if (!offline.ok) {
      print(refusedReport(revision, offline.diagnostics), command, options.output, 'the manifests');
      return { code: ExitCode.error };
    }
  }
  let world: World;
  try {
    world = await openWorld(command, options, {
      commandLine: `meshcd ${command} --local`,
      write: command === 'apply',
      ...(dir !== undefined ? { sourceDir: dir } : {}),
    });
  } catch (error) {
    reportFailure(command, error, options.output);
    return { code: ExitCode.error };
  }
  const run = async (mode: ReconcileMode, state: StateStore, progress: boolean): Promise<Reconciled> => {
    const common = {
      target: world.target,
      revision,
      files,
      mode,
      state,
      ...(world.cluster ? { cluster: world.cluster } : {}),
      ...(allowPrune ? { allowPrune: true } : {}),
      runId: randomUUID(),
      now: () => new Date(),
    };
    // A Lattice target goes to Lattice only: App Mesh is never planned or written for it.
    const onProgress = progress ? { onProgress: progressLine(options.output) } : {};
    if (world.lattice)
      return latticeReconciled(await reconcile({ ...common, lattice: world.lattice, ...onProgress }));
    return reconciled(
      await reconcile({
        ...common,
        mesh: world.mesh,
        ...(refresh ? { refresh: true } : {}),
        ...(world.cloudMap ? { cloudMap: world.cloudMap } : {}),
        ...(world.namespaceLabels ? { namespaceLabels: world.namespaceLabels } : {}),
        ...onProgress,
      }),
    );
  };
  let releaseLease: (() => Promise<void>) | undefined;
  try {
    if (command === 'apply') {
      // The lease the reconcilers take (local up's, or the deployed function's in the table): one
      // reconcile of the target at a time, wherever it runs.
      const { holdTargetLease } = await import('./world/hold-target-lease.ts');
      const { parseDuration } = await import('./world/state-lock.ts');
      releaseLease = await holdTargetLease(world.state, world.target.id, {
        command: options.local ? 'meshcd apply --local' : `meshcd apply --target ${world.target.id}`,
        timeoutMs: parseDuration(options.lockTimeout ?? '0s'),
      });
    }
    if (command === 'plan') {
      const result = await run('plan', withoutRunRecord(world.state), false);
      const report = result.report;
      print(report, command, options.output, world.target.id);
      if (options.out !== undefined) {
        await writeSavedPlan(options.out, {
          format: savedPlanFormat,
          target: world.target.id,
          revision,
          allowPrune,
          ...(refresh ? { refresh: true } : {}),
          files,
          fingerprint: result.fingerprint,
          plan: report,
        });
        if (options.output === 'text') process.stderr.write(`saved the plan to ${options.out}\n`);
      }
      return { code: exitCode(result.status) };
    }
    const ask = needsConfirmation(options);
    if (saved || ask) {
      // The world as it is now, planned in the same locked session the apply then runs in.
      const check = await run('plan', withoutRunRecord(world.state), false);
      if (saved) refuseIfStale(saved, check, world.target.id);
      if (ask && check.status === 'changes' && check.changes) {
        process.stdout.write(renderPlanText(check.report, true));
        if (!(await confirmApply('Do you want meshcd to make these changes?'))) {
          throw new CommandLineError('cancelled', 'apply cancelled; nothing was changed');
        }
      }
    }
    const result = await run('apply', world.state, true);
    print(result.report, command, options.output, world.target.id);
    return { code: exitCode(result.status) };
  } catch (error) {
    reportFailure(command, error, options.output);
    return { code: ExitCode.error };
  } finally {
    await releaseLease?.().catch(() => undefined);
    await world.close();
  }
}

/** `apply --plan`: the plan applies only to the target and the world it was made against. */
function refuseIfStale(saved: SavedPlan, now: Reconciled, targetId: string): void {
  if (saved.target !== targetId) {
    throw new CommandLineError('stale-plan', `the plan was made for target ${saved.target}, not ${targetId}`);
  }
  if (now.fingerprint !== saved.fingerprint) {
    throw new CommandLineError(
      'stale-plan',
      'the world changed since the plan was made (a planned resource was written, deleted or is now in conflict); run meshcd plan again',
    );
  }
}

const exitCode = (status: ReconcileStatus): ExitCode =>
  status === 'succeeded' ? ExitCode.ok : status === 'changes' ? ExitCode.changes : ExitCode.error;

/** A run of either provider, as the command line shows and checks it. */
interface Reconciled {
  status: ReconcileStatus;
  report: PlanReport;
  /** The world as the plan saw it, for `plan --out` and `apply --plan`. */
  fingerprint: string;
  /** Something would be written. */
  changes: boolean;
}

const reconciled = (result: ReconcileResult): Reconciled => ({
  status: result.status,
  report: planReport(result),
  fingerprint: planFingerprint(result),
  changes: result.plan !== undefined && hasWrites(result.plan),
});

const latticeReconciled = (result: ReconcileLatticeResult): Reconciled => ({
  status: result.status,
  report: latticePlanReport(result),
  fingerprint: latticePlanFingerprint(result),
  // In plan mode Lattice reports `changes` exactly when something would be written.
  changes: result.status === 'changes',
});

function print(report: PlanReport, command: ReconcileMode, output: OutputFormat, subject: string): void {
  process.stdout.write(
    output === 'json'
      ? `${JSON.stringify(report, null, 2)}\n`
      : output === 'markdown'
        ? renderPlanMarkdown(report, `meshcd ${command} of ${subject}`)
        : renderPlanText(report, process.stdout.isTTY === true),
  );
}

/** What the wave runner reports as a change ends, for either provider's changes. */
interface ProgressEvent {
  change: { action: string; kind: string; name: string };
  outcome: { status: string };
  done: number;
  total: number;
}

/**
 * One line per change as apply makes it, on stderr so stdout stays the report: App Mesh's kinds and names,
 * or Lattice's (ServiceNetwork, Listener, Rule, TargetGroup…) for a Lattice target.
 */
const progressLine =
  (output: OutputFormat) =>
  ({ change, outcome, done, total }: ProgressEvent): void => {
    if (output !== 'text' || change.action === 'unchanged') return;
    const mark = outcome.status === 'done' ? 'ok' : outcome.status;
    const tty = process.stderr.isTTY === true;
    process.stderr.write(
      `${tty ? '\r' : ''}[${done}/${total}] ${change.action} ${change.kind} ${change.name} ${mark}\n`,
    );
  };
