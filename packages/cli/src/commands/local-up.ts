import type { Command } from 'commander';
import { type CommandContext, exitWith } from '../command-context.ts';
import { notImplemented } from '../not-implemented.ts';
import { stateOption } from '../options.ts';

export function registerLocalUp(local: Command, ctx: CommandContext): void {
  local
    .command('up')
    .description('run the whole local stack until stopped; prints its endpoints as one JSON line')
    .addOption(stateOption())
    .action(exitWith(ctx, () => notImplemented('local up')));
}
