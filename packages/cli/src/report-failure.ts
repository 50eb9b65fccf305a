import type { Diagnostic } from '@meshcd/core';
import { classified, failureReport } from './failure-report.ts';
import type { OutputFormat } from './options.ts';
import { renderDiagnostic } from './render/render-diagnostic.ts';
import { planCommentMarker } from './render/render-plan-markdown.ts';

export { CommandLineError, type UsageReason } from './failure-report.ts';

/**
 * An error that stopped a command (a missing directory, an unreadable file, a world that would not open, a
 * failed step), said in the requested format so scripts always get JSON back.
 */
export function reportFailure(command: string, error: unknown, output: OutputFormat = 'text'): void {
  const e = classified(error);
  const message = error instanceof Error ? error.message : String(error);
  if (output === 'json') {
    process.stdout.write(`${JSON.stringify(failureReport(error), null, 2)}\n`);
  } else if (output === 'markdown') {
    // The comment still says why there is no plan, rather than leaving the pull request silent.
    process.stdout.write(
      `${planCommentMarker}\n### meshcd ${command}\n\n❌ **Failed** [${e?.phase ?? 'unknown'}/${e?.reason ?? 'error'}]: ${message}\n`,
    );
    process.stderr.write(`meshcd ${command}: ${message}\n`);
  } else {
    // A step's error says where in the data flow it happened; the command line's own needs no tag.
    const tag = e && e.phase !== 'usage' ? `[${e.phase}/${e.reason}] ` : '';
    process.stderr.write(`meshcd ${command}: ${tag}${message}\n`);
    // Invalid manifests: each problem as validate and plan show it.
    const diagnostics = (error as { diagnostics?: Diagnostic[] }).diagnostics ?? [];
    if (diagnostics.length > 0) process.stderr.write(diagnostics.map((d) => renderDiagnostic(d)).join(''));
  }
}
