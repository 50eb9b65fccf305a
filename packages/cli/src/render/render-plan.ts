import type { Diagnostic, FieldDiff, Plan, PlanAction, ReconcileResult } from '@meshcd/core';
import pc from 'picocolors';

/** The JSON document plan and apply print with `--output json`; stable for scripts. */
export interface PlanReport {
  status: ReconcileResult['status'];
  revision: string;
  summary: Record<PlanAction, number> | null;
  blockers: Plan['blockers'];
  changes: Array<{
    action: PlanAction;
    reason: string;
    kind: string;
    key: string;
    mesh: string;
    name: string;
    wave: number;
    diff: FieldDiff[];
    source?: string;
    outcome?: string;
    error?: string;
  }>;
  diagnostics: Diagnostic[];
  apply?: { complete: boolean; writes: number; failed: number; skipped: number; notStarted: number };
}

export function planReport(result: ReconcileResult): PlanReport {
  const outcomes = new Map(result.apply?.outcomes.map((o) => [o.key + o.action, o]));
  const count = (s: string) => result.apply?.outcomes.filter((o) => o.status === s).length ?? 0;
  return {
    status: result.status,
    revision: result.run.revision,
    summary: result.plan?.summary ?? null,
    blockers: result.plan?.blockers ?? [],
    changes: (result.plan?.changes ?? []).map((c) => {
      const o = outcomes.get(c.key + c.action);
      const loc = c.desired?.source.location;
      return {
        action: c.action,
        reason: c.reason,
        kind: c.kind,
        key: c.key,
        mesh: c.meshName,
        name: c.name,
        wave: c.wave,
        diff: c.diff,
        ...(loc ? { source: `${loc.file}:${loc.line}:${loc.column}` } : {}),
        ...(o ? { outcome: o.status } : {}),
        ...(o?.error ? { error: o.error.message } : {}),
      };
    }),
    diagnostics: result.diagnostics,
    ...(result.apply
      ? {
          apply: {
            complete: result.apply.complete,
            writes: result.apply.writes,
            failed: count('failed'),
            skipped: count('skipped'),
            notStarted: count('not-started'),
          },
        }
      : {}),
  };
}

const show = (v: unknown) => (v === undefined ? '(absent)' : JSON.stringify(v));

/** Human output in the manner of `terraform plan`: a symbol per change, field diffs beneath, a summary. */
export function renderPlanText(report: PlanReport, color = false): string {
  const c = color ? pc : pc.createColors(false);
  const symbol: Record<PlanAction, string> = {
    create: c.green('+'),
    update: c.yellow('~'),
    delete: c.red('-'),
    unchanged: ' ',
    skip: c.dim('!'),
  };
  const lines: string[] = [];
  for (const d of report.diagnostics.filter((x) => x.severity === 'error')) {
    lines.push(
      `${c.bold(`${d.file}:${d.line}:${d.column}`)} ${c.red('error')} ${d.object} ${d.path}`,
      `  ${d.message}`,
    );
  }
  for (const ch of report.changes.filter((x) => x.action !== 'unchanged')) {
    const outcome =
      ch.outcome && ch.outcome !== 'done' ? c.red(` [${ch.outcome}${ch.error ? `: ${ch.error}` : ''}]`) : '';
    lines.push(
      `${symbol[ch.action]} ${ch.kind} ${c.bold(ch.name)} ${c.dim(`(mesh ${ch.mesh}, ${ch.reason})`)}${outcome}`,
    );
    for (const d of ch.diff.slice(0, ch.action === 'update' ? undefined : 0)) {
      lines.push(`    ${c.yellow('~')} ${d.path}: ${c.red(show(d.actual))} → ${c.green(show(d.expected))}`);
    }
  }
  for (const b of report.blockers) lines.push(`${c.red('refused')} [${b.reason}] ${b.message}`);
  const s = report.summary;
  if (s) {
    lines.push(
      '',
      `${report.apply ? 'Applied' : 'Plan'}: ${s.create} to create, ${s.update} to update, ${s.delete} to delete, ${s.unchanged} unchanged${s.skip ? `, ${s.skip} skipped` : ''}.`,
    );
  }
  if (report.apply) {
    const a = report.apply;
    lines.push(
      `${a.writes} write call(s); ${a.failed} failed, ${a.skipped} skipped${a.complete ? '' : `, ${a.notStarted} not started (deadline)`}.`,
    );
  }
  return `${lines.join('\n')}\n`;
}
