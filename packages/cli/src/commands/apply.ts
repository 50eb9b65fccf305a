import type { Command } from 'commander';
import { type CommandContext, lazyAction } from '../command-context.ts';
import { addWorldOptions, outputOption } from '../options.ts';
import type { ReconcileCommandOptions } from '../run-reconcile.ts';

export function registerApply(program: Command, ctx: CommandContext): void {
  addWorldOptions(
    program
      .command('apply')
      .description('make App Mesh and the cluster match the manifests; exit 0 done, 1 error')
      .argument('<dir>', 'manifest directory')
      .option('--allow-prune', 'allow deleting more than the prune guard permits'),
  )
    .addOption(outputOption())
    .action(
      lazyAction(ctx, async () => {
        const { runReconcile } = await import('../run-reconcile.ts');
        return async (dir: string, options: ReconcileCommandOptions) =>
          (await runReconcile('apply', dir, options)).code;
      }),
    );
}
