import type { Command } from 'commander';
import { type CommandContext, lazyAction } from '../command-context.ts';
import { localOption, lockTimeoutOption, outputOption, stateOption } from '../options.ts';
import type { ReconcileCommandOptions } from '../run-reconcile.ts';

export function registerApply(program: Command, ctx: CommandContext): void {
  program
    .command('apply')
    .description('make App Mesh and the cluster match the manifests; exit 0 done, 1 error')
    .argument('<dir>', 'manifest directory')
    .addOption(localOption())
    .addOption(stateOption())
    .addOption(lockTimeoutOption())
    .option('--allow-prune', 'allow deleting more than the prune guard permits')
    .addOption(outputOption())
    .action(
      lazyAction(ctx, async () => {
        const { runReconcile } = await import('../run-reconcile.ts');
        return async (dir: string, options: ReconcileCommandOptions) =>
          (await runReconcile('apply', dir, options)).code;
      }),
    );
}
