import type { Diagnostic, FieldDiff, Plan, PlanAction, ReconcileResult } from '@meshcd/core';
import { parseMeshKey } from '@meshcd/core';
import pc from 'picocolors';
import { attributeLines, diffLineParts, parentWords } from './change-detail.ts';
import { renderDiagnostic } from './render-diagnostic.ts';

type ClusterPlan = NonNullable<ReconcileResult['clusterPlan']>;

/** How many lines of a created resource's attributes the text plan shows before counting the rest. */
const createLines = 12;

/** The JSON document plan and apply print with `--output json`; stable for scripts. */
export interface PlanReport {
  /** The service the changes go to; App Mesh when absent. */
  provider?: 'lattice';
  status: ReconcileResult['status'];
  revision: string;
  summary: Record<PlanAction, number> | null;
  blockers: Plan['blockers'];
  changes: Array<{
    action: PlanAction;
    reason: string;
    kind: string;
    key: string;
    /** App Mesh: the mesh the resource is in. */
    mesh?: string;
    /** VPC Lattice: the App Mesh object the resource translates (`VirtualRouter shop/api`). */
    from?: string;
    name: string;
    /** The virtual router a route belongs to. */
    router?: string;
    /** The virtual gateway a gateway route belongs to. */
    gateway?: string;
    wave: number;
    diff: FieldDiff[];
    /** What a create will set: the spec sent to App Mesh (or VPC Lattice). */
    attributes?: unknown;
    source?: string;
    outcome?: string;
    error?: string;
  }>;
  diagnostics: Diagnostic[];
  apply?: { complete: boolean; writes: number; failed: number; skipped: number; notStarted: number };
  /** The cluster side, beside App Mesh: present when the command had a cluster. */
  cluster?: ClusterReport;
}

export interface ClusterReport {
  summary: Record<PlanAction, number>;
  blockers: ClusterPlan['blockers'];
  issues: ClusterPlan['issues'];
  changes: Array<{
    action: PlanAction;
    reason: string;
    /** `object`: a Git object under field manager meshcd; `injection`: the sidecar under meshcd-injector. */
    subject: 'object' | 'injection';
    kind: string;
    key: string;
    namespace: string;
    name: string;
    wave: number;
    member?: string;
    diff: FieldDiff[];
    source?: string;
    outcome?: string;
    error?: string;
  }>;
  apply?: { writes: number; failed: number; skipped: number };
}

function clusterReport(result: ReconcileResult): ClusterReport | undefined {
  const plan = result.clusterPlan;
  if (!plan) return undefined;
  const outcomes = new Map(result.clusterApply?.outcomes.map((o) => [`${o.subject} ${o.key}`, o]));
  const count = (s: string) => result.clusterApply?.outcomes.filter((o) => o.status === s).length ?? 0;
  return {
    summary: plan.summary,
    blockers: plan.blockers,
    issues: plan.issues,
    changes: plan.changes.map((c) => {
      const o = outcomes.get(`${c.subject} ${c.key}`);
      const loc = c.subject === 'object' ? c.source?.location : undefined;
      return {
        action: c.action,
        reason: c.reason,
        subject: c.subject,
        kind: c.kind,
        key: c.key,
        namespace: c.namespace,
        name: c.name,
        wave: c.wave,
        ...(c.memberKey ? { member: c.memberKey } : {}),
        diff: c.diff,
        ...(loc ? { source: `${loc.file}:${loc.line}:${loc.column}` } : {}),
        ...(o ? { outcome: o.status } : {}),
        ...(o?.error ? { error: o.error.message } : {}),
      };
    }),
    ...(result.clusterApply
      ? { apply: { writes: result.clusterApply.writes, failed: count('failed'), skipped: count('skipped') } }
      : {}),
  };
}

/** What an apply did, counted; the outcome of each change by key and action. */
export function applyReport(apply: ReconcileResult['apply']) {
  const outcomes = new Map(apply?.outcomes.map((o) => [o.key + o.action, o]));
  const count = (s: string) => apply?.outcomes.filter((o) => o.status === s).length ?? 0;
  const outcomeOf = (change: { key: string; action: string }) => {
    const o = outcomes.get(change.key + change.action);
    return { ...(o ? { outcome: o.status } : {}), ...(o?.error ? { error: o.error.message } : {}) };
  };
  const summary = apply
    ? {
        apply: {
          complete: apply.complete,
          writes: apply.writes,
          failed: count('failed'),
          skipped: count('skipped'),
          notStarted: count('not-started'),
        },
      }
    : {};
  return { outcomeOf, summary };
}

export function planReport(result: ReconcileResult): PlanReport {
  const cluster = clusterReport(result);
  const { outcomeOf, summary } = applyReport(result.apply);
  return {
    status: result.status,
    revision: result.run.revision,
    summary: result.plan?.summary ?? null,
    blockers: result.plan?.blockers ?? [],
    changes: (result.plan?.changes ?? []).map((c) => {
      const loc = c.desired?.source.location;
      const id = parseMeshKey(c.key);
      return {
        action: c.action,
        reason: c.reason,
        kind: c.kind,
        key: c.key,
        mesh: c.meshName,
        name: c.name,
        ...(id?.virtualRouterName !== undefined ? { router: id.virtualRouterName } : {}),
        ...(id?.virtualGatewayName !== undefined ? { gateway: id.virtualGatewayName } : {}),
        wave: c.wave,
        diff: c.diff,
        ...(c.action === 'create' && c.desired ? { attributes: c.desired.spec } : {}),
        ...(loc ? { source: `${loc.file}:${loc.line}:${loc.column}` } : {}),
        ...outcomeOf(c),
      };
    }),
    diagnostics: result.diagnostics,
    ...summary,
    ...(cluster ? { cluster } : {}),
  };
}

/** A plan refused before the world was looked at: the manifests are invalid, so nothing was planned. */
export const refusedReport = (revision: string, diagnostics: Diagnostic[]): PlanReport => ({
  status: 'refused',
  revision,
  summary: null,
  blockers: [],
  changes: [],
  diagnostics,
});

/** Where a change belongs: its mesh on App Mesh, the App Mesh object it comes from on Lattice. */
export const changeContext = (change: PlanReport['changes'][number]) =>
  change.from !== undefined
    ? `from ${change.from}`
    : change.mesh !== undefined
      ? `mesh ${change.mesh}`
      : 'not from Git';

/** A change's field differences as indented lines: added and removed items and fields, changed values. */
function diffText(diff: FieldDiff[], c: ReturnType<typeof pc.createColors>): string[] {
  const colour = { '+': c.green, '-': c.red, '~': c.yellow };
  return diff.map((d) => {
    const { op, path, before, after } = diffLineParts(d);
    const value =
      op === '+' ? c.green(after!) : op === '-' ? c.red(before!) : `${c.red(before!)} → ${c.green(after!)}`;
    return `    ${colour[op](op)} ${path}: ${value}`;
  });
}

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
  // Warnings too, also when the plan is refused: they are often the reason why.
  for (const d of report.diagnostics) lines.push(renderDiagnostic(d, c).trimEnd());
  for (const ch of report.changes.filter((x) => x.action !== 'unchanged')) {
    const outcome =
      ch.outcome && ch.outcome !== 'done' ? c.red(` [${ch.outcome}${ch.error ? `: ${ch.error}` : ''}]`) : '';
    lines.push(
      `${symbol[ch.action]} ${ch.kind} ${c.bold(ch.name)}${parentWords(ch)} ${c.dim(`(${changeContext(ch)}, ${ch.reason})`)}${ch.source ? ` ${c.dim(ch.source)}` : ''}${outcome}`,
    );
    if (ch.action === 'update') lines.push(...diffText(ch.diff, c));
    if (ch.action === 'create')
      lines.push(...attributeLines(ch.attributes, createLines).map((l) => `      ${c.green(l)}`));
  }
  for (const b of report.blockers) lines.push(`${c.red('refused')} [${b.reason}] ${b.message}`);
  const s = report.summary;
  if (s) {
    lines.push(
      '',
      `${report.apply ? 'Applied' : 'Plan'}${report.provider === 'lattice' ? ' (VPC Lattice)' : ''}: ${s.create} to create, ${s.update} to update, ${s.delete} to delete, ${s.unchanged} unchanged${s.skip ? `, ${s.skip} skipped` : ''}.`,
    );
  }
  if (report.apply) {
    const a = report.apply;
    lines.push(
      `${a.writes} write call(s); ${a.failed} failed, ${a.skipped} skipped${a.complete ? '' : `, ${a.notStarted} not started (deadline)`}.`,
    );
  }
  if (report.cluster) lines.push(...renderClusterText(report.cluster, report.apply !== undefined, c, symbol));
  return `${lines.join('\n')}\n`;
}

/** The cluster's changes under their own heading, each Git object or injection with its reason and outcome. */
function renderClusterText(
  cluster: ClusterReport,
  applied: boolean,
  c: ReturnType<typeof pc.createColors>,
  symbol: Record<PlanAction, string>,
): string[] {
  const lines = ['', c.bold('Cluster:')];
  for (const i of cluster.issues)
    lines.push(`${i.severity === 'error' ? c.red('error') : c.yellow('warning')} ${i.message}`);
  for (const ch of cluster.changes.filter((x) => x.action !== 'unchanged')) {
    const what = ch.subject === 'injection' ? `sidecar of ${ch.kind}` : ch.kind;
    const where = ch.namespace ? `${ch.namespace}/${ch.name}` : ch.name;
    const member = ch.member ? `, ${ch.member}` : '';
    const outcome =
      ch.outcome && ch.outcome !== 'done' ? c.red(` [${ch.outcome}${ch.error ? `: ${ch.error}` : ''}]`) : '';
    lines.push(`${symbol[ch.action]} ${what} ${c.bold(where)} ${c.dim(`(${ch.reason}${member})`)}${outcome}`);
    if (ch.action === 'update') lines.push(...diffText(ch.diff.slice(0, 10), c));
  }
  for (const b of cluster.blockers) lines.push(`${c.red('refused')} [${b.reason}] ${b.message}`);
  const s = cluster.summary;
  lines.push(
    `${applied ? 'Applied' : 'Plan'} (cluster): ${s.create} to create, ${s.update} to update, ${s.delete} to delete, ${s.unchanged} unchanged${s.skip ? `, ${s.skip} skipped` : ''}.`,
  );
  if (cluster.apply)
    lines.push(`${cluster.apply.writes} cluster write call(s); ${cluster.apply.failed} failed.`);
  return lines;
}
