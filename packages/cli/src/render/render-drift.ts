import type { DriftItem } from '@meshcd/core';
import pc from 'picocolors';
import type { DriftReport } from '../report/drift-report.ts';
import { driftPlace, driftStateWords } from './drift-wording.ts';
import { showValue, summaryLine } from './summary-line.ts';

type DriftState = DriftItem['state'];

/** Human output of `meshcd drift`: one line per resource out of sync, field differences beneath, a summary. */
export function renderDriftText(report: DriftReport, color = false): string {
  const c = color ? pc : pc.createColors(false);
  const mark: Record<DriftState, string> = {
    InSync: ' ',
    Modified: c.yellow('~'),
    Missing: c.red('-'),
    Unmanaged: c.magenta('+'),
    Unknown: c.dim('?'),
  };
  const lines: string[] = [];
  for (const i of report.items.filter((x) => x.state !== 'InSync')) {
    lines.push(
      `${mark[i.state]} ${i.kind} ${c.bold(i.name)} ${c.dim(`(${driftPlace(i)})`)} ${driftStateWords(i)}`,
    );
    for (const d of i.differences ?? []) {
      lines.push(
        `    ${c.yellow('~')} ${d.path}: ${c.red(showValue(d.actual))} → expected ${c.green(showValue(d.expected))}`,
      );
    }
  }
  if (lines.length > 0) lines.push('');
  lines.push(summaryLine(report.summary));
  const pressing = report.quotas.filter((q) => q.level !== 'ok');
  if (pressing.length > 0) {
    lines.push('', 'Quotas:');
    for (const q of pressing) {
      const level = q.level === 'warn' ? c.yellow(q.level) : c.red(q.level);
      lines.push(`  ${level} ${q.title} (${q.scope}): ${q.used} of ${q.limit} (limit from ${q.limitSource})`);
    }
  }
  return `${lines.join('\n')}\n`;
}
