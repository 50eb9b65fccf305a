import { writeFile } from 'node:fs/promises';
import { ExitCode } from '../exit-codes.ts';
import type { WorldOptions } from '../options.ts';
import { renderReportHtml } from '../render/render-report-html.ts';
import { renderReportJson } from '../render/render-report-json.ts';
import { renderReportMarkdown } from '../render/render-report-markdown.ts';
import type { DriftReport } from '../report/drift-report.ts';
import { reportFailure } from '../report-failure.ts';
import { runDriftCheck } from './run-drift.ts';

export type ReportFormat = 'html' | 'md' | 'json';

const renderers: Record<ReportFormat, (report: DriftReport) => string | Promise<string>> = {
  html: renderReportHtml,
  md: renderReportMarkdown,
  json: renderReportJson,
};

/** `meshcd report`: a drift check against what was last applied, rendered into a file. */
export async function runReport(
  options: WorldOptions & { format: ReportFormat; out: string },
): Promise<ExitCode> {
  const check = await runDriftCheck(undefined, options);
  if (!check.ok) {
    reportFailure('report', check.error);
    return ExitCode.error;
  }
  try {
    await writeFile(options.out, await renderers[options.format](check.report));
  } catch (error) {
    process.stderr.write(`meshcd report: cannot write ${options.out}: ${(error as Error).message}\n`);
    return ExitCode.error;
  }
  process.stderr.write(`wrote ${options.format} report to ${options.out}\n`);
  return ExitCode.ok;
}
