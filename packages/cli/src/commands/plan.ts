import type { Command } from 'commander';
import { type CommandContext, exitWith } from '../command-context.ts';
import { notImplemented } from '../not-implemented.ts';
import { localOption, outputOption, stateOption } from '../options.ts';

export function registerPlan(program: Command, ctx: CommandContext): void {
  program
    .command('plan')
    .description('show what apply would change; exit 0 no changes, 2 changes, 1 error')
    .argument('<dir>', 'manifest directory')
    .addOption(localOption())
    .addOption(stateOption())
    .addOption(outputOption())
    .action(exitWith(ctx, () => notImplemented('plan')));
}
