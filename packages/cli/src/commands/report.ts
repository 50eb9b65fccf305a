import { writeFile } from 'node:fs/promises';
import { type DriftReport, renderReportHtml, renderReportJson, renderReportMarkdown } from '@meshcd/core';
import { type Command, Option } from 'commander';
import { type CommandContext, exitWith } from '../command-context.ts';
import { ExitCode } from '../exit-codes.ts';
import { localOption, stateOption, type WorldOptions } from '../options.ts';
import { runDriftCheck } from './drift.ts';

export type ReportFormat = 'html' | 'md' | 'json';

const renderers: Record<ReportFormat, (report: DriftReport) => string> = {
  html: renderReportHtml,
  md: renderReportMarkdown,
  json: renderReportJson,
};

async function report(options: WorldOptions & { format: ReportFormat; out: string }): Promise<ExitCode> {
  const check = await runDriftCheck(undefined, options);
  if (!check.ok) {
    process.stderr.write(`meshcd report: ${check.message}\n`);
    return ExitCode.error;
  }
  try {
    await writeFile(options.out, renderers[options.format](check.report));
  } catch (error) {
    process.stderr.write(`meshcd report: cannot write ${options.out}: ${(error as Error).message}\n`);
    return ExitCode.error;
  }
  process.stderr.write(`wrote ${options.format} report to ${options.out}\n`);
  return ExitCode.ok;
}

export function registerReport(program: Command, ctx: CommandContext): void {
  program
    .command('report')
    .description('write a drift and quota report (against what was last applied)')
    .addOption(localOption())
    .addOption(stateOption())
    .addOption(
      new Option('--format <format>', 'report format').choices(['html', 'md', 'json']).makeOptionMandatory(),
    )
    .requiredOption('--out <file>', 'where to write the report')
    .action(exitWith(ctx, report));
}
