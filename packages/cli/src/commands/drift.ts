import { type Command, Option } from 'commander';
import { type CommandContext, lazyAction } from '../command-context.ts';
import { addWorldOptions, outputOption } from '../options.ts';

export function registerDrift(program: Command, ctx: CommandContext): void {
  addWorldOptions(
    program
      .command('drift')
      .description('compare the live world with Git; exit 0 in sync, 2 drift, 1 error')
      .argument('[dir]', 'manifest directory (defaults to the last applied revision)'),
  )
    .addOption(outputOption())
    .addOption(new Option('--heal', 're-apply the last applied specs over modified and missing resources'))
    .action(lazyAction(ctx, async () => (await import('./run-drift.ts')).runDrift));
}
