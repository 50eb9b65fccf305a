import { type ManifestFile, validateManifests } from '@meshcd/core';
import { ExitCode } from '../exit-codes.ts';
import type { OutputFormat } from '../options.ts';
import { readManifestDir } from '../read-manifest-tree.ts';
import { renderValidationText, validationReport } from '../render/render-validation.ts';
import { reportFailure } from '../report-failure.ts';

/** Offline: namespaces outside the tree are reported as unresolved, never guessed. */
export async function runValidate(dir: string, output: OutputFormat): Promise<ExitCode> {
  let files: ManifestFile[];
  try {
    files = await readManifestDir(dir);
  } catch (error) {
    // Not a directory, no manifest, over the size limits: refused before parsing, said as plan and apply say it.
    reportFailure('validate', error, output);
    return ExitCode.error;
  }
  const report = validationReport(validateManifests(files));
  if (output === 'json') process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(renderValidationText(report, process.stdout.isTTY === true));
  return report.valid ? ExitCode.ok : ExitCode.error;
}
