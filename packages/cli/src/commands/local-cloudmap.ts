import { startCloudMapEmulator } from '@meshcd/emulators';
import type { Command } from 'commander';
import { type CommandContext, exitWith } from '../command-context.ts';
import { ExitCode } from '../exit-codes.ts';
import { stateOption } from '../options.ts';
import { untilStopped } from '../until-stopped.ts';

export function registerLocalCloudMap(local: Command, ctx: CommandContext): void {
  local
    .command('cloudmap')
    .description('run the Cloud Map (servicediscovery) emulator alone')
    .requiredOption('--port <n>', 'port to listen on', Number)
    .addOption(stateOption())
    .action(exitWith(ctx, (options: { port: number; state: string }) => runLocalCloudMap(options)));
}

/** Runs the emulator until SIGINT or SIGTERM; the first stdout line is its endpoint as JSON. */
export async function runLocalCloudMap(options: { port: number; state: string }): Promise<ExitCode> {
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    process.stderr.write(`meshcd local cloudmap: --port must be an integer from 0 to 65535\n`);
    return ExitCode.error;
  }
  const emulator = await startCloudMapEmulator({ port: options.port, stateDir: options.state });
  process.stdout.write(`${JSON.stringify({ cloudmap: emulator.endpoint })}\n`);
  await untilStopped();
  await emulator.close();
  return ExitCode.ok;
}
