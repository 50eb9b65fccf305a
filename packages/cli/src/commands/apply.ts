import type { Command } from 'commander';
import { type CommandContext, lazyAction } from '../command-context.ts';
import { addWorldOptions, outputOption } from '../options.ts';
import type { ReconcileCommandOptions } from '../run-reconcile.ts';

export function registerApply(program: Command, ctx: CommandContext): void {
  addWorldOptions(
    program
      .command('apply')
      .description('make App Mesh and the cluster match the manifests; exit 0 done, 1 error')
      .argument('[dir]', 'manifest directory (or --plan)')
      .option('--allow-prune', 'allow deleting more than the prune guard permits')
      .option('--refresh', 'observe everything, also routes the change cannot touch (as the drift run does)')
      .option('--plan <file>', 'apply a plan saved by meshcd plan --out; refused if the world changed since')
      .option('-y, --yes', 'do not ask for confirmation on a terminal'),
  )
    .addOption(outputOption())
    .action(
      lazyAction(ctx, async () => {
        const { runReconcile } = await import('../run-reconcile.ts');
        return async (dir: string | undefined, options: ReconcileCommandOptions) =>
          (await runReconcile('apply', dir, options)).code;
      }),
    );
}
