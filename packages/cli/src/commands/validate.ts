import { stat } from 'node:fs/promises';
import { validateManifests } from '@meshcd/core';
import type { Command } from 'commander';
import { type CommandContext, exitWith } from '../command-context.ts';
import { ExitCode } from '../exit-codes.ts';
import { type OutputFormat, outputOption } from '../options.ts';
import { readManifestTree } from '../read-manifest-tree.ts';
import { renderValidationText, validationReport } from '../render/render-validation.ts';

export function registerValidate(program: Command, ctx: CommandContext): void {
  program
    .command('validate')
    .description('validate a manifest tree; exit 0 valid, 1 invalid')
    .argument('<dir>', 'manifest directory')
    .addOption(outputOption())
    .action(exitWith(ctx, (dir: string, options: { output: OutputFormat }) => validate(dir, options.output)));
}

/** Offline: namespaces outside the tree are reported as unresolved, never guessed. */
async function validate(dir: string, output: OutputFormat): Promise<ExitCode> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    process.stderr.write(`meshcd validate: ${dir} is not a directory\n`);
    return ExitCode.error;
  }
  const report = validationReport(validateManifests(await readManifestTree(dir)));
  if (output === 'json') process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(renderValidationText(report, process.stdout.isTTY === true));
  return report.valid ? ExitCode.ok : ExitCode.error;
}
