import type { Command } from 'commander';
import { type CommandContext, exitWith } from '../command-context.ts';
import { localOption, outputOption, stateOption } from '../options.ts';
import { type ReconcileCommandOptions, runReconcile } from '../run-reconcile.ts';

export function registerPlan(program: Command, ctx: CommandContext): void {
  program
    .command('plan')
    .description('show what apply would change; exit 0 no changes, 2 changes, 1 error')
    .argument('<dir>', 'manifest directory')
    .addOption(localOption())
    .addOption(stateOption())
    .addOption(outputOption())
    .option('--allow-prune', 'plan deletions beyond the prune guard')
    .action(
      exitWith(
        ctx,
        async (dir: string, options: ReconcileCommandOptions) =>
          (await runReconcile('plan', dir, options)).code,
      ),
    );
}
