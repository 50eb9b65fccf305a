import { createHash, randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { MeshcdError, type ReconcileMode, type ReconcileResult, reconcile } from '@meshcd/core';
import { ExitCode } from './exit-codes.ts';
import type { OutputFormat, WorldOptions } from './options.ts';
import { readManifestTree } from './read-manifest-tree.ts';
import { planReport, renderPlanText } from './render/render-plan.ts';
import { planCommentMarker, renderPlanMarkdown } from './render/render-plan-markdown.ts';
import { openWorld } from './world/open-world.ts';
import type { World } from './world/world.ts';

export interface ReconcileCommandOptions extends WorldOptions {
  output: OutputFormat;
  allowPrune?: boolean;
  lockTimeout?: string;
}

/** A directory's revision: the hash of its manifest files, so the same tree is always the same revision. */
export const treeRevision = (files: { path: string; content: string }[]) => {
  const hash = createHash('sha256');
  for (const f of files) hash.update(`${f.path}\0${f.content}\0`);
  return `tree-${hash.digest('hex').slice(0, 12)}`;
};

/** plan and apply: read the tree, open the world, run the recipe, print, and map the outcome to an exit code. */
export async function runReconcile(
  command: ReconcileMode,
  dir: string,
  options: ReconcileCommandOptions,
): Promise<{ code: ExitCode; result?: ReconcileResult }> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    process.stderr.write(`meshcd ${command}: ${dir} is not a directory\n`);
    return { code: ExitCode.error };
  }
  let files: Awaited<ReturnType<typeof readManifestTree>>;
  try {
    files = await readManifestTree(dir);
  } catch (error) {
    reportFailure(command, error, options.output);
    return { code: ExitCode.error };
  }
  let world: World;
  try {
    world = await openWorld(command, options, {
      commandLine: `meshcd ${command} --local`,
      write: command === 'apply',
      sourceDir: dir,
    });
  } catch (error) {
    reportFailure(command, error, options.output);
    return { code: ExitCode.error };
  }
  let releaseLease: (() => Promise<void>) | undefined;
  try {
    if (command === 'apply' && options.local) {
      const { holdTargetLease } = await import('./world/hold-target-lease.ts');
      const { parseDuration } = await import('./world/state-lock.ts');
      releaseLease = await holdTargetLease(world.state, world.target.id, {
        command: `meshcd apply --local`,
        timeoutMs: parseDuration(options.lockTimeout ?? '0s'),
      });
    }
    const tty = process.stderr.isTTY === true;
    const result = await reconcile({
      target: world.target,
      revision: treeRevision(files),
      files,
      mode: command,
      mesh: world.mesh,
      state: world.state,
      ...(world.cluster ? { cluster: world.cluster } : {}),
      ...(world.cloudMap ? { cloudMap: world.cloudMap } : {}),
      ...(world.namespaceLabels ? { namespaceLabels: world.namespaceLabels } : {}),
      ...(options.allowPrune ? { allowPrune: true } : {}),
      runId: randomUUID(),
      now: () => new Date(),
      onProgress: ({ change, outcome, done, total }) => {
        if (options.output !== 'text' || change.action === 'unchanged') return;
        const mark = outcome.status === 'done' ? 'ok' : outcome.status;
        process.stderr.write(
          `${tty ? '\r' : ''}[${done}/${total}] ${change.action} ${change.kind} ${change.name} ${mark}\n`,
        );
      },
    });
    const report = planReport(result);
    process.stdout.write(
      options.output === 'json'
        ? `${JSON.stringify(report, null, 2)}\n`
        : options.output === 'markdown'
          ? renderPlanMarkdown(report, `meshcd ${command} of ${world.target.id}`)
          : renderPlanText(report, process.stdout.isTTY === true),
    );
    const code =
      result.status === 'succeeded'
        ? ExitCode.ok
        : result.status === 'changes'
          ? ExitCode.changes
          : ExitCode.error;
    return { code, result };
  } catch (error) {
    reportFailure(command, error, options.output);
    return { code: ExitCode.error };
  } finally {
    await releaseLease?.().catch(() => undefined);
    await world.close();
  }
}

/** An error that stopped the recipe, said in the requested format so scripts always get JSON back. */
export function reportFailure(command: string, error: unknown, output: OutputFormat): void {
  const e = error instanceof MeshcdError ? error : undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (output === 'json') {
    const failure = {
      status: 'error',
      error: {
        phase: e?.phase ?? 'unknown',
        reason: e?.reason ?? 'error',
        retryable: e?.retryable ?? false,
        message,
      },
    };
    process.stdout.write(`${JSON.stringify(failure, null, 2)}\n`);
  } else if (output === 'markdown') {
    // The comment still says why there is no plan, rather than leaving the pull request silent.
    process.stdout.write(
      `${planCommentMarker}\n### meshcd ${command}\n\n❌ **Failed** [${e?.phase ?? 'unknown'}/${e?.reason ?? 'error'}]: ${message}\n`,
    );
    process.stderr.write(`meshcd ${command}: ${message}\n`);
  } else {
    process.stderr.write(`meshcd ${command}: ${e ? `[${e.phase}/${e.reason}] ` : ''}${message}\n`);
  }
}
