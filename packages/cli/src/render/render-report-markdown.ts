import type { DriftReport } from '../report/drift-report.ts';
import { driftPlace, driftStateWords } from './drift-wording.ts';
import { showRatio, showValue, summaryLine } from './summary-line.ts';

/** Table cells: pipes and newlines would break the row. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

/** The report as Markdown, for a pull request comment, a wiki page or an issue. */
export function renderReportMarkdown(report: DriftReport): string {
  const lines = [
    `# Drift report: ${report.targetId}`,
    '',
    `Generated ${report.generatedAt}${report.revision ? ` against revision ${code(report.revision)}` : ''}.`,
    '',
    `**${summaryLine(report.summary)}**`,
    '',
    '| State | Count |',
    '| --- | ---: |',
    ...Object.entries(report.summary.counts).map(([state, n]) => `| ${state} | ${n} |`),
    '',
  ];
  const drifted = report.items.filter((i) => i.state !== 'InSync');
  lines.push('## Resources out of sync', '');
  if (drifted.length === 0) lines.push('Everything is in sync.', '');
  else {
    lines.push('| State | Kind | Name | Where | Details |', '| --- | --- | --- | --- | --- |');
    for (const i of drifted) {
      const details =
        i.state === 'Modified'
          ? (i.differences ?? [])
              .map(
                (d) =>
                  `${code(d.path)}: ${code(showValue(d.actual))} → expected ${code(showValue(d.expected))}`,
              )
              .join('<br>')
          : driftStateWords(i);
      lines.push(`| ${i.state} | ${i.kind} | ${cell(i.name)} | ${cell(driftPlace(i))} | ${cell(details)} |`);
    }
    lines.push('');
  }
  lines.push('## Quotas', '');
  if (report.quotas.length === 0) lines.push('No quota usage was measured.', '');
  else {
    lines.push(
      '| Level | Quota | Scope | Used | Limit | % | Limit from |',
      '| --- | --- | --- | ---: | ---: | ---: | --- |',
    );
    for (const q of report.quotas) {
      lines.push(
        `| ${q.level} | ${cell(q.title)}${q.code ? ` (${q.code})` : ''} | ${cell(q.scope)} | ${q.used} | ${q.limit} | ${showRatio(q.ratio)} | ${q.limitSource} |`,
      );
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}
