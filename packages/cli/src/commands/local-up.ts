import { resolve } from 'node:path';
import { startAppMeshEmulator, startKubeEmulator, startLocalStack } from '@meshcd/emulators';
import type { Command } from 'commander';
import { type CommandContext, exitWith } from '../command-context.ts';
import { ExitCode } from '../exit-codes.ts';
import { stateOption } from '../options.ts';
import { untilStopped } from '../until-stopped.ts';
import { removeLocalEndpoints, writeLocalEndpoints } from '../world/local-endpoints.ts';

export function registerLocalUp(local: Command, ctx: CommandContext): void {
  local
    .command('up')
    .description('run the whole local stack until stopped; prints its endpoints as one JSON line')
    .addOption(stateOption())
    .action(exitWith(ctx, (options: { state: string }) => runLocalUp(options.state)));
}

/**
 * Runs the local world on the state directory until SIGINT/SIGTERM. Its endpoints go to stdout as one
 * JSON line and into `<state>/endpoints.json`, where `plan|apply|drift --local` find and use them.
 */
export async function runLocalUp(state: string): Promise<ExitCode> {
  const stateDir = resolve(state);
  const kubeconfig = resolve(stateDir, 'kubeconfig');
  const stack = await startLocalStack({
    stateDir,
    services: {
      appmesh: async ({ stateDir: dir }) => startAppMeshEmulator(dir ? { stateDir: dir } : {}),
      kube: async ({ stateDir: dir }) => {
        const kube = await startKubeEmulator(dir ? { stateDir: dir } : {});
        kube.writeKubeconfig(kubeconfig);
        return kube;
      },
    },
  });
  const endpoints = { ...stack.endpoints, kubeconfig };
  await writeLocalEndpoints(stateDir, { pid: process.pid, endpoints });
  process.stdout.write(`${JSON.stringify(endpoints)}\n`);
  await untilStopped();
  await removeLocalEndpoints(stateDir);
  await stack.close();
  return ExitCode.ok;
}
