import type { Command } from 'commander';
import { type CommandContext, lazyAction } from '../command-context.ts';
import { addWorldOptions, outputOption } from '../options.ts';

export function registerStatus(program: Command, ctx: CommandContext): void {
  addWorldOptions(
    program
      .command('status')
      .description(
        'what meshcd did: wanted and applied revisions, last run and its errors, lease, drift; exit 0 healthy, 2 refused/failed/pending, 1 error',
      ),
  )
    .addOption(outputOption())
    .action(lazyAction(ctx, async () => (await import('./run-status.ts')).runStatus));
}
