import type { Command } from 'commander';
import { type CommandContext, exitWith } from '../command-context.ts';
import { ExitCode } from '../exit-codes.ts';
import { stateOption } from '../options.ts';
import { untilStopped } from '../until-stopped.ts';

export function registerLocalUp(local: Command, ctx: CommandContext): void {
  local
    .command('up')
    .description('run the whole local stack until stopped; prints its endpoints as one JSON line')
    .addOption(stateOption())
    .action(exitWith(ctx, (options: { state: string }) => runLocalUp(options.state)));
}

/** `meshcd local up`: the local system until SIGINT/SIGTERM, its endpoints printed as one JSON line first. */
export async function runLocalUp(state: string): Promise<ExitCode> {
  // The emulators, DynamoDB, git and the functions load only when the local system starts.
  const { startLocalSystem } = await import('../local/start-local-system.ts');
  const system = await startLocalSystem(state);
  process.stdout.write(`${JSON.stringify(system.endpoints)}\n`);
  await untilStopped();
  await system.close();
  return ExitCode.ok;
}
