import { formatRunError } from '@meshcd/core';
import pc from 'picocolors';
import type { TargetHealth, TargetStatus } from '../status/target-status.ts';

const short = (revision: string) => (/^[0-9a-f]{40}$/.test(revision) ? revision.slice(0, 12) : revision);

/** Orders that look like epoch milliseconds (push times) are shown as times; others as they are. */
const when = (order: number) =>
  order > 1e12 && order < 1e14 ? new Date(order).toISOString() : `order ${order}`;

/** `flux get`-style: a block per target, its health first, every error of the last run with its place. */
export function renderStatusText(statuses: readonly TargetStatus[], color = false): string {
  const c = color ? pc : pc.createColors(false);
  const paint: Record<TargetHealth, (s: string) => string> = {
    healthy: c.green,
    pending: c.yellow,
    refused: c.red,
    partial: c.red,
    failed: c.red,
  };
  const lines: string[] = [];
  for (const s of statuses) {
    const run = s.lastRun;
    lines.push(
      `${c.bold(`Target ${s.targetId}`)}  ${paint[s.health](s.health)}  ${c.dim(s.reason)}`,
      `  Source:   ${[s.source.repository, s.source.branch, s.source.path].filter(Boolean).join(' ')}`,
      `  Provider: ${s.provider === 'lattice' ? 'VPC Lattice' : 'App Mesh'}`,
      `  Wanted:   ${s.wanted ? `${short(s.wanted.revision)} (${when(s.wanted.order)})` : '-'}`,
      `  Applied:  ${s.applied ? `${short(s.applied.revision)} (${when(s.applied.order)})` : '-'}`,
    );
    if (s.failed) lines.push(`  Failed:   ${short(s.failed.revision)} (${when(s.failed.order)})`);
    if (run) {
      const summary = Object.entries(run.summary)
        .filter(([, n]) => n > 0)
        .map(([action, n]) => `${n} ${action}`)
        .join(', ');
      lines.push(
        `  Last run: ${paint[run.outcome === 'succeeded' ? 'healthy' : run.outcome](run.outcome)} ${short(run.revision)} at ${run.finishedAt} (run ${run.runId})`,
        `            ${summary || 'no changes planned'}`,
      );
      for (const e of run.errors ?? [])
        lines.push(`            ${c.red('error')} ${formatRunError(e)} ${c.dim(`[${e.phase}/${e.reason}]`)}`);
    } else {
      lines.push('  Last run: -');
    }
    const lease = s.lease;
    lines.push(
      `  Lease:    ${lease.state}${lease.holder ? ` by ${lease.holder}` : ''}${lease.expiresAt ? ` until ${lease.expiresAt}` : ''}`,
    );
    if (s.drift) {
      const counts = Object.entries(s.drift.counts)
        .filter(([, n]) => n > 0)
        .map(([state, n]) => `${n} ${state}`)
        .join(', ');
      lines.push(
        `  Drift:    ${counts || 'nothing checked'} (checked ${s.drift.detectedAt}${s.drift.revision ? ` against ${short(s.drift.revision)}` : ''})`,
      );
    } else {
      lines.push('  Drift:    never checked');
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}
