import { stat } from 'node:fs/promises';
import { validateManifests } from '@meshcd/core';
import { ExitCode } from '../exit-codes.ts';
import type { OutputFormat } from '../options.ts';
import { readManifestTree } from '../read-manifest-tree.ts';
import { renderValidationText, validationReport } from '../render/render-validation.ts';
import { reportFailure } from '../run-reconcile.ts';

/** Offline: namespaces outside the tree are reported as unresolved, never guessed. */
export async function runValidate(dir: string, output: OutputFormat): Promise<ExitCode> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    process.stderr.write(`meshcd validate: ${dir} is not a directory\n`);
    return ExitCode.error;
  }
  let files: Awaited<ReturnType<typeof readManifestTree>>;
  try {
    files = await readManifestTree(dir);
  } catch (error) {
    // Over the size limits: refused before parsing, said as plan and apply say it.
    reportFailure('validate', error, output);
    return ExitCode.error;
  }
  const report = validationReport(validateManifests(files));
  if (output === 'json') process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(renderValidationText(report, process.stdout.isTTY === true));
  return report.valid ? ExitCode.ok : ExitCode.error;
}
