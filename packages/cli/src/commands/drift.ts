import type { Command } from 'commander';
import { type CommandContext, exitWith } from '../command-context.ts';
import { notImplemented } from '../not-implemented.ts';
import { localOption, outputOption, stateOption } from '../options.ts';

export function registerDrift(program: Command, ctx: CommandContext): void {
  program
    .command('drift')
    .description('compare the live world with Git; exit 0 in sync, 2 drift, 1 error')
    .argument('[dir]', 'manifest directory (defaults to the last applied revision)')
    .addOption(localOption())
    .addOption(stateOption())
    .addOption(outputOption())
    .action(exitWith(ctx, () => notImplemented('drift')));
}
