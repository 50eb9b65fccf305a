import { stat } from 'node:fs/promises';
import { CommandLineError } from '../failure-report.ts';
import type { WorldOptions } from '../options.ts';
import type { World } from './world.ts';

/**
 * The world a command works on: the local emulated one (--local), or a deployed target read with the
 * user's AWS credentials (--target: read-only, except apply where the deployment allows it). Each is
 * imported when opened, so a command loads only the world it uses.
 */
export async function openWorld(
  command: 'plan' | 'apply' | 'drift',
  options: WorldOptions,
  local: { commandLine: string; write: boolean; sourceDir?: string } = {
    commandLine: `meshcd ${command} --local`,
    write: command === 'apply',
  },
): Promise<World> {
  if (options.local) {
    // Drift, report and heal read a world that exists: a typo in --state must not read as "in sync".
    if (command === 'drift' && !(await stat(options.state).catch(() => undefined))?.isDirectory()) {
      throw new CommandLineError(
        'no-local-world',
        `no local world at ${options.state} (check --state, or create one with meshcd apply --local)`,
      );
    }
    const [{ openLocalWorld }, { parseDuration }] = await Promise.all([
      import('./open-local-world.ts'),
      import('./state-lock.ts'),
    ]);
    return openLocalWorld(options.state, {
      command: local.commandLine,
      write: local.write,
      lockTimeoutMs: parseDuration(options.lockTimeout ?? '0s'),
      ...(options.provider ? { provider: options.provider } : {}),
      ...(local.sourceDir !== undefined ? { sourceDir: local.sourceDir } : {}),
    });
  }
  if (!options.target) {
    throw new Error(
      command === 'apply'
        ? 'apply against AWS runs in the deployed reconcile function (see infra/), or with --target <id> where the deployment allows it; use --local for the local emulated world'
        : `${command} against AWS needs --target <id> (read-only, with your AWS credentials); use --local for the local emulated world`,
    );
  }
  const { openDeployment } = await import('./open-deployed-world.ts');
  const deployment = await openDeployment({
    target: options.target,
    ...(options.table ? { table: options.table } : {}),
    ...(options.region ? { region: options.region } : {}),
    ...(command === 'apply' ? { write: true } : {}),
  });
  try {
    const target = deployment.targets[0]!;
    if (options.provider && options.provider !== (target.provider ?? 'appmesh')) {
      throw new CommandLineError(
        'provider-mismatch',
        `target '${target.id}' reconciles into ${target.provider ?? 'appmesh'}, not ${options.provider}`,
      );
    }
    const world = await deployment.world(target);
    return {
      ...world,
      close: async () => {
        await world.close();
        deployment.close();
      },
    };
  } catch (error) {
    deployment.close();
    throw error;
  }
}
