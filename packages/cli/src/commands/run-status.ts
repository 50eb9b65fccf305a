import { stat } from 'node:fs/promises';
import type { StateStore, Target } from '@meshcd/core';
import { ExitCode } from '../exit-codes.ts';
import type { OutputFormat, WorldOptions } from '../options.ts';
import { renderStatusText } from '../render/render-status.ts';
import { CommandLineError, reportFailure } from '../report-failure.ts';
import { allHealthy, readTargetStatus, type TargetStatus } from '../status/target-status.ts';

export interface StatusOptions extends WorldOptions {
  output: OutputFormat;
}

/** The JSON document `meshcd status --output json` prints; stable for scripts. */
export interface StatusReport {
  healthy: boolean;
  targets: TargetStatus[];
}

/** Where status reads from: the targets and their state store, and how to let go of them. */
interface StatusSource {
  targets: Target[];
  state: StateStore;
  close(): Promise<void>;
}

async function openStatusSource(options: StatusOptions): Promise<StatusSource> {
  if (options.local) {
    // A typo in --state must not read as "nothing ever happened".
    if (!(await stat(options.state).catch(() => undefined))?.isDirectory()) {
      throw new CommandLineError(
        'no-local-world',
        `no local world at ${options.state} (check --state, or create one with meshcd apply --local)`,
      );
    }
    const [{ openLocalWorld }, { parseDuration }] = await Promise.all([
      import('../world/open-local-world.ts'),
      import('../world/state-lock.ts'),
    ]);
    const world = await openLocalWorld(options.state, {
      command: 'meshcd status --local',
      write: false,
      lockTimeoutMs: parseDuration(options.lockTimeout ?? '0s'),
    });
    if (options.target !== undefined && options.target !== world.target.id) {
      await world.close();
      throw new Error(`no target '${options.target}' (known: ${world.target.id})`);
    }
    return { targets: [world.target], state: world.state, close: () => world.close() };
  }
  // A deployment: every target recorded in its table (or the one asked for), read-only.
  const { openDeployment } = await import('../world/open-deployed-world.ts');
  const deployment = await openDeployment({
    ...(options.target ? { target: options.target } : {}),
    ...(options.table ? { table: options.table } : {}),
    ...(options.region ? { region: options.region } : {}),
  });
  return { targets: deployment.targets, state: deployment.state, close: async () => deployment.close() };
}

/**
 * `meshcd status`: each target's status from the state store, read-only. Exit 0 when all are healthy, 2
 * when one was refused, partly applied, failed or is pending, 1 when it cannot tell.
 */
export async function runStatus(options: StatusOptions): Promise<ExitCode> {
  let source: StatusSource;
  try {
    source = await openStatusSource(options);
  } catch (error) {
    reportFailure('status', error, options.output);
    return ExitCode.error;
  }
  try {
    const now = new Date();
    const statuses = await Promise.all(source.targets.map((t) => readTargetStatus(source.state, t, now)));
    const report: StatusReport = { healthy: allHealthy(statuses), targets: statuses };
    process.stdout.write(
      options.output === 'json'
        ? `${JSON.stringify(report, null, 2)}\n`
        : renderStatusText(statuses, process.stdout.isTTY === true),
    );
    return report.healthy ? ExitCode.ok : ExitCode.changes;
  } catch (error) {
    reportFailure('status', error, options.output);
    return ExitCode.error;
  } finally {
    await source.close();
  }
}
