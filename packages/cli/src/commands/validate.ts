import type { Command } from 'commander';
import { type CommandContext, lazyAction } from '../command-context.ts';
import { type OutputFormat, outputOption } from '../options.ts';

export function registerValidate(program: Command, ctx: CommandContext): void {
  program
    .command('validate')
    .description('validate a manifest tree; exit 0 valid, 1 invalid')
    .argument('<dir>', 'manifest directory')
    .addOption(outputOption())
    .action(
      lazyAction(ctx, async () => {
        const { runValidate } = await import('./run-validate.ts');
        return (dir: string, options: { output: OutputFormat }) => runValidate(dir, options.output);
      }),
    );
}
