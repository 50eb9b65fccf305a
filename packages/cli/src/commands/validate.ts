import type { Command } from 'commander';
import { type CommandContext, exitWith } from '../command-context.ts';
import { notImplemented } from '../not-implemented.ts';
import { outputOption } from '../options.ts';

export function registerValidate(program: Command, ctx: CommandContext): void {
  program
    .command('validate')
    .description('validate a manifest tree; exit 0 valid, 1 invalid')
    .argument('<dir>', 'manifest directory')
    .addOption(outputOption())
    .action(exitWith(ctx, () => notImplemented('validate')));
}
