import { stat } from 'node:fs/promises';
import { allHealthy, readTargetStatus, type TargetStatus } from '@meshcd/core';
import { ExitCode } from '../exit-codes.ts';
import type { OutputFormat, WorldOptions } from '../options.ts';
import { renderStatusText } from '../render/render-status.ts';

export interface StatusOptions extends WorldOptions {
  target?: string;
  output: OutputFormat;
}

/** The JSON document `meshcd status --output json` prints; stable for scripts. */
export interface StatusReport {
  healthy: boolean;
  targets: TargetStatus[];
}

/**
 * `meshcd status`: every target's (or one target's) status from the state store, read-only. Exit 0 when
 * all are healthy, 2 when one was refused, partly applied, failed or is pending, 1 when it cannot tell.
 */
export async function runStatus(options: StatusOptions): Promise<ExitCode> {
  if (!options.local) {
    process.stderr.write(
      'meshcd status: reading a deployed target needs --target <id> and the deployment; use --local for the local emulated world\n',
    );
    return ExitCode.error;
  }
  // A typo in --state must not read as "nothing ever happened".
  if (!(await stat(options.state).catch(() => undefined))?.isDirectory()) {
    process.stderr.write(`meshcd status: no local world at ${options.state}\n`);
    return ExitCode.error;
  }
  const { openLocalWorld } = await import('../world/open-local-world.ts');
  const world = await openLocalWorld(options.state);
  try {
    const targets = [world.target].filter((t) => options.target === undefined || t.id === options.target);
    if (targets.length === 0) {
      process.stderr.write(`meshcd status: no target '${options.target}' (known: ${world.target.id})\n`);
      return ExitCode.error;
    }
    const now = new Date();
    const statuses = await Promise.all(targets.map((t) => readTargetStatus(world.state, t, now)));
    const report: StatusReport = { healthy: allHealthy(statuses), targets: statuses };
    process.stdout.write(
      options.output === 'json'
        ? `${JSON.stringify(report, null, 2)}\n`
        : renderStatusText(statuses, process.stdout.isTTY === true),
    );
    return report.healthy ? ExitCode.ok : ExitCode.changes;
  } catch (error) {
    process.stderr.write(`meshcd status: ${error instanceof Error ? error.message : String(error)}\n`);
    return ExitCode.error;
  } finally {
    await world.close();
  }
}
