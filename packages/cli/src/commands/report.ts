import { type Command, Option } from 'commander';
import { type CommandContext, lazyAction } from '../command-context.ts';
import { addWorldOptions } from '../options.ts';

export function registerReport(program: Command, ctx: CommandContext): void {
  addWorldOptions(
    program.command('report').description('write a drift and quota report (against what was last applied)'),
  )
    .addOption(
      new Option('--format <format>', 'report format').choices(['html', 'md', 'json']).makeOptionMandatory(),
    )
    .requiredOption('--out <file>', 'where to write the report')
    .action(lazyAction(ctx, async () => (await import('./run-report.ts')).runReport));
}
