import { resolve } from 'node:path';
import type { Command } from 'commander';
import { type CommandContext, exitWith } from '../command-context.ts';
import { ExitCode } from '../exit-codes.ts';
import { stateOption } from '../options.ts';
import { untilStopped } from '../until-stopped.ts';

export function registerLocalKube(local: Command, ctx: CommandContext): void {
  local
    .command('kube')
    .description('run the Kubernetes API emulator alone')
    .requiredOption('--port <n>', 'port to listen on', Number)
    .addOption(stateOption())
    .action(exitWith(ctx, (options: { port: number; state: string }) => runLocalKube(options)));
}

/**
 * Runs the emulator until SIGINT or SIGTERM, with the cluster persisted in `<state>/kube.json`. The
 * first stdout line is JSON with its endpoint and a kubeconfig written into the state directory, so
 * `kubectl --kubeconfig <path>` works against it at once.
 */
export async function runLocalKube(options: { port: number; state: string }): Promise<ExitCode> {
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    process.stderr.write(`meshcd local kube: --port must be an integer from 0 to 65535\n`);
    return ExitCode.error;
  }
  // Listening before the endpoint line goes out: a signal sent on reading it must stop the server cleanly.
  const stopped = untilStopped();
  const { startKubeEmulator } = await import('@meshcd/emulators');
  const emulator = await startKubeEmulator({ port: options.port, stateDir: options.state });
  const kubeconfig = resolve(options.state, 'kubeconfig');
  emulator.writeKubeconfig(kubeconfig);
  process.stdout.write(`${JSON.stringify({ kube: emulator.endpoint, kubeconfig })}\n`);
  await stopped;
  await emulator.close();
  return ExitCode.ok;
}
