import type { Command } from 'commander';
import { type CommandContext, exitWith } from '../command-context.ts';
import { ExitCode } from '../exit-codes.ts';
import { stateOption } from '../options.ts';
import { untilStopped } from '../until-stopped.ts';

export function registerLocalAppMesh(local: Command, ctx: CommandContext): void {
  local
    .command('appmesh')
    .description('run the App Mesh API emulator alone')
    .requiredOption('--port <n>', 'port to listen on', Number)
    .addOption(stateOption())
    .action(exitWith(ctx, (options: { port: number; state: string }) => runLocalAppMesh(options)));
}

/**
 * Runs the emulator until SIGINT or SIGTERM. The first stdout line is its endpoint as JSON, so other
 * tools can start it and read where it listens.
 */
export async function runLocalAppMesh(options: { port: number; state: string }): Promise<ExitCode> {
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    process.stderr.write(`meshcd local appmesh: --port must be an integer from 0 to 65535\n`);
    return ExitCode.error;
  }
  const { startAppMeshEmulator } = await import('@meshcd/emulators');
  const emulator = await startAppMeshEmulator({ port: options.port, stateDir: options.state });
  process.stdout.write(`${JSON.stringify({ appmesh: emulator.endpoint })}\n`);
  await untilStopped();
  await emulator.close();
  return ExitCode.ok;
}
