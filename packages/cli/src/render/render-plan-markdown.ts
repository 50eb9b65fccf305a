import type { Diagnostic, FieldDiff, PlanAction } from '@meshcd/core';
import { attributeLines, diffOp, parentWords } from './change-detail.ts';
import { escapeHtml } from './escape-html.ts';
import { type ClusterReport, changeContext, type PlanReport } from './render-plan.ts';

/** How many lines of a created resource's attributes the comment shows (folded) before counting the rest. */
const createLines = 40;

/** First line of every plan comment, so a workflow can find and replace its previous comment. */
export const planCommentMarker = '<!-- meshcd-plan -->';

/** A table cell: pipes and newlines would break the row, so they are escaped. */
const cell = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');

/** A value as code; absent values say so in words, the way the text plan does. */
const value = (v: unknown) => {
  if (v === undefined) return '_(absent)_';
  const json = JSON.stringify(v);
  // A backtick inside the value needs a longer fence (CommonMark code spans).
  const fence = json.includes('`') ? '``' : '`';
  return cell(`${fence}${json.length > 120 ? `${json.slice(0, 117)}...` : json}${fence}`);
};

const symbol: Record<PlanAction, string> = {
  create: '🟢 create',
  update: '🟡 update',
  delete: '🔴 delete',
  unchanged: 'unchanged',
  skip: '⚪ skip',
};

const counts = (s: Record<PlanAction, number>) =>
  `${s.create} to create, ${s.update} to update, ${s.delete} to delete, ${s.unchanged} unchanged${s.skip ? `, ${s.skip} skipped` : ''}`;

const verdict: Record<PlanReport['status'], string> = {
  succeeded: '✅ **No changes.**',
  changes: '📝 **Changes pending.**',
  refused: '⛔ **Refused: nothing would be applied.**',
  partial: '⚠️ **Partially applied.**',
};

/**
 * The plan as a pull-request comment: a verdict, the manifest errors and warnings with file:line, the
 * refusals, then App Mesh (or VPC Lattice) and cluster changes as tables with one row per changed field, so a reviewer
 * sees `weight 90 → 50` without opening the run log. Computing stays in planReport; this only renders.
 */
export function renderPlanMarkdown(report: PlanReport, title = 'meshcd plan'): string {
  const lines = [planCommentMarker, `### ${title} for \`${report.revision}\``, '', verdict[report.status]];
  const service = report.provider === 'lattice' ? 'VPC Lattice' : 'App Mesh';
  if (report.summary) lines.push('', `**${service}:** ${counts(report.summary)}.`);
  if (report.cluster) lines.push('', `**Cluster:** ${counts(report.cluster.summary)}.`);
  lines.push(
    ...diagnosticsSection(
      'Errors',
      report.diagnostics.filter((d) => d.severity === 'error'),
    ),
  );
  lines.push(
    ...diagnosticsSection(
      'Warnings',
      report.diagnostics.filter((d) => d.severity === 'warning'),
    ),
  );
  const refusals = [...report.blockers, ...(report.cluster?.blockers ?? [])];
  if (refusals.length > 0) {
    lines.push('', '#### Refusals', '', '| Reason | Message |', '| --- | --- |');
    for (const b of refusals) lines.push(`| ${cell(b.reason)} | ${cell(b.message)} |`);
  }
  lines.push(...changesSection(service, meshRows(report)));
  lines.push(...createdAttributes(report));
  if (report.cluster) lines.push(...clusterSection(report.cluster));
  return `${lines.join('\n')}\n`;
}

function diagnosticsSection(heading: string, diagnostics: Diagnostic[]): string[] {
  if (diagnostics.length === 0) return [];
  const lines = [
    '',
    `#### ${heading}`,
    '',
    '| Where | Object | Field | Message |',
    '| --- | --- | --- | --- |',
  ];
  for (const d of diagnostics) {
    lines.push(
      `| \`${cell(`${d.file}:${d.line}:${d.column}`)}\` | ${cell(d.object)} | ${d.path ? `\`${cell(d.path)}\`` : ''} | ${cell(d.message)} (${d.code}) |`,
    );
  }
  return lines;
}

interface Row {
  action: PlanAction;
  what: string;
  reason: string;
  source?: string;
  diff: FieldDiff[];
  outcome?: string;
}

const meshRows = (report: PlanReport): Row[] =>
  report.changes.map((c) => ({
    action: c.action,
    what: `${c.kind} **${c.name}**${parentWords(c)} (${changeContext(c)})`,
    reason: c.reason,
    diff: c.diff,
    ...(c.source ? { source: c.source } : {}),
    ...(c.outcome && c.outcome !== 'done' ? { outcome: `${c.outcome}${c.error ? `: ${c.error}` : ''}` } : {}),
  }));

function clusterSection(cluster: ClusterReport): string[] {
  const lines: string[] = [];
  if (cluster.issues.length > 0) {
    lines.push('', '#### Cluster notes', '');
    for (const i of cluster.issues) lines.push(`- **${i.severity}** ${cell(i.message)}`);
  }
  const rows = cluster.changes.map((c) => ({
    action: c.action,
    what: `${c.subject === 'injection' ? `sidecar of ${c.kind}` : c.kind} **${c.namespace ? `${c.namespace}/` : ''}${c.name}**`,
    reason: c.member ? `${c.reason}, ${c.member}` : c.reason,
    diff: c.diff,
    ...(c.source ? { source: c.source } : {}),
    ...(c.outcome && c.outcome !== 'done' ? { outcome: `${c.outcome}${c.error ? `: ${c.error}` : ''}` } : {}),
  }));
  return [...lines, ...changesSection('Cluster', rows)];
}

/** What each create will set, folded under its name, as YAML. */
function createdAttributes(report: PlanReport): string[] {
  const creates = report.changes.filter((c) => c.action === 'create' && c.attributes !== undefined);
  if (creates.length === 0) return [];
  const lines = ['', '#### Attributes of created resources'];
  for (const c of creates) {
    const yaml = attributeLines(c.attributes, createLines);
    const fence = yaml.some((l) => l.includes('```')) ? '~~~~' : '```';
    lines.push(
      '',
      `<details><summary>${c.kind} <b>${escapeHtml(c.name)}</b>${escapeHtml(parentWords(c))} (${escapeHtml(changeContext(c))})</summary>`,
      '',
      `${fence}yaml`,
      ...yaml,
      fence,
      '',
      '</details>',
    );
  }
  return lines;
}

/** One row per changed field of an update; creates and deletes take one row each. */
function changesSection(heading: string, rows: Row[]): string[] {
  const changed = rows.filter((r) => r.action !== 'unchanged');
  if (changed.length === 0) return [];
  const lines = [
    '',
    `#### ${heading} changes`,
    '',
    '| Action | Resource | Field | Current | Planned | Source |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of changed) {
    const source = r.source ? `\`${cell(r.source)}\`` : '';
    const resource = `${cell(r.what)}<br>_${cell(r.reason)}_${r.outcome ? `<br>**${cell(r.outcome)}**` : ''}`;
    const diffs = r.action === 'update' ? r.diff : [];
    if (diffs.length === 0) {
      lines.push(`| ${symbol[r.action]} | ${resource} | | | | ${source} |`);
      continue;
    }
    diffs.forEach((d, i) => {
      lines.push(
        `| ${i === 0 ? symbol[r.action] : ''} | ${i === 0 ? resource : ''} | ${diffOp(d)} \`${cell(d.path)}\` | ${value(d.actual)} | ${value(d.expected)} | ${i === 0 ? source : ''} |`,
      );
    });
  }
  return lines;
}
