import type { Command } from 'commander';
import { type CommandContext, exitWith } from '../command-context.ts';
import { ExitCode } from '../exit-codes.ts';
import { stateOption } from '../options.ts';
import { untilStopped } from '../until-stopped.ts';

/** An emulator `meshcd local <name>` can run alone. */
export interface LocalEmulator {
  /** Subcommand and the key of the endpoint line. */
  readonly name: string;
  readonly description: string;
  start(options: { port: number; stateDir: string }): Promise<{ endpoint: string; close(): Promise<void> }>;
}

/** The emulators load only when one starts. */
export const localEmulators: readonly LocalEmulator[] = [
  {
    name: 'appmesh',
    description: 'run the App Mesh API emulator alone',
    start: async (options) => (await import('@meshcd/emulators')).startAppMeshEmulator(options),
  },
  {
    name: 'cloudmap',
    description: 'run the Cloud Map (servicediscovery) emulator alone',
    start: async (options) => (await import('@meshcd/emulators')).startCloudMapEmulator(options),
  },
  {
    name: 'lattice',
    description: 'run the VPC Lattice API emulator alone',
    start: async (options) => (await import('@meshcd/emulators')).startLatticeEmulator(options),
  },
];

export function registerLocalEmulators(local: Command, ctx: CommandContext): void {
  for (const emulator of localEmulators) {
    local
      .command(emulator.name)
      .description(emulator.description)
      .requiredOption('--port <n>', 'port to listen on', Number)
      .addOption(stateOption())
      .action(
        exitWith(ctx, (options: { port: number; state: string }) => runLocalEmulator(emulator, options)),
      );
  }
}

/**
 * Runs an emulator until SIGINT or SIGTERM. The first stdout line is its endpoint as JSON, so other
 * tools can start it and read where it listens.
 */
export async function runLocalEmulator(
  emulator: LocalEmulator,
  options: { port: number; state: string },
): Promise<ExitCode> {
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    process.stderr.write(`meshcd local ${emulator.name}: --port must be an integer from 0 to 65535\n`);
    return ExitCode.error;
  }
  // Listening before the endpoint line goes out: a signal sent on reading it must stop the server cleanly.
  const stopped = untilStopped();
  const running = await emulator.start({ port: options.port, stateDir: options.state });
  process.stdout.write(`${JSON.stringify({ [emulator.name]: running.endpoint })}\n`);
  await stopped;
  await running.close();
  return ExitCode.ok;
}
