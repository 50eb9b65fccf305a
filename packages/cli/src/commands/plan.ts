import type { Command } from 'commander';
import { type CommandContext, lazyAction } from '../command-context.ts';
import { addWorldOptions, outputOption } from '../options.ts';
import type { ReconcileCommandOptions } from '../run-reconcile.ts';

export function registerPlan(program: Command, ctx: CommandContext): void {
  addWorldOptions(
    program
      .command('plan')
      .description('show what apply would change; exit 0 no changes, 2 changes, 1 error')
      .argument('<dir>', 'manifest directory'),
  )
    .addOption(outputOption(['text', 'json', 'markdown']))
    .option('--allow-prune', 'plan deletions beyond the prune guard')
    .option('--refresh', 'observe everything, also routes the change cannot touch (as the drift run does)')
    .option('--out <file>', 'also save the plan, for meshcd apply --plan <file>')
    .action(
      lazyAction(ctx, async () => {
        const { runReconcile } = await import('../run-reconcile.ts');
        return async (dir: string, options: ReconcileCommandOptions) =>
          (await runReconcile('plan', dir, options)).code;
      }),
    );
}
