import { formatRunError } from '@meshcd/core';
import type { DriftDetectedDetail, ReconcileFailedDetail, ReconcileSucceededDetail } from '@meshcd/events';

export type LogFormat = 'text' | 'json';
export type LogLevel = 'INFO' | 'WARN' | 'ERROR';

/** One thing the local system handled, as `meshcd local up` reports it. */
export interface EventLogEntry {
  level: LogLevel;
  event: 'push' | 'reconcile' | 'drift';
  /** push: accepted | duplicate | ignored | unauthorized | invalid | too-large; reconcile: succeeded |
   * refused | partial | failed; drift: found. */
  outcome: string;
  message: string;
  targetId?: string;
  revision?: string;
}

/** A line per entry: `<time> INFO  push accepted: …` for people, one JSON object for log tooling. */
export function formatEventLine(entry: EventLogEntry, format: LogFormat, time: Date): string {
  if (format === 'json') return `${JSON.stringify({ time: time.toISOString(), ...entry })}\n`;
  return `${time.toISOString()} ${entry.level.padEnd(5)} ${entry.event} ${entry.outcome}: ${entry.message}\n`;
}

const short = (revision: string) => (/^[0-9a-f]{40}$/.test(revision) ? revision.slice(0, 12) : revision);

/** The webhook receiver's answer, as the sender's delivery log would show it. */
export function webhookEntry(statusCode: number, body: string): EventLogEntry {
  let answer: { outcome?: string; message?: string } = {};
  try {
    answer = JSON.parse(body) as typeof answer;
  } catch {
    answer = { message: body };
  }
  return {
    level: statusCode >= 500 ? 'ERROR' : statusCode >= 400 ? 'WARN' : 'INFO',
    event: 'push',
    outcome: answer.outcome ?? `http-${statusCode}`,
    message: `${answer.message ?? ''} (HTTP ${statusCode})`.trim(),
  };
}

/** `Reconcile Succeeded` / `Reconcile Failed` from the bus: the outcome and its reason in one line. */
export function reconcileEntry(
  detailType: string,
  detail: ReconcileSucceededDetail | ReconcileFailedDetail,
): EventLogEntry {
  const where = `${detail.targetId} at ${short(detail.revision)}`;
  const base = { event: 'reconcile' as const, targetId: detail.targetId, revision: detail.revision };
  if (!('errors' in detail) || detailType === 'Reconcile Succeeded') {
    const s = detail.summary;
    const counts = `${s.create ?? 0} created, ${s.update ?? 0} updated, ${s.delete ?? 0} deleted, ${s.unchanged ?? 0} unchanged`;
    const continued = 'continued' in detail && detail.continued ? ' (continues after the deadline)' : '';
    return { ...base, level: 'INFO', outcome: 'succeeded', message: `${where}: ${counts}${continued}` };
  }
  const outcome = detail.outcome ?? 'failed';
  const [first] = detail.errors;
  const more = detail.errors.length - 1 + (detail.truncatedErrors ?? 0);
  const reason = first ? formatRunError(first) : 'no detail';
  return {
    ...base,
    level: outcome === 'refused' ? 'WARN' : 'ERROR',
    outcome,
    message: `${where}: ${reason}${more > 0 ? ` (+${more} more)` : ''}`,
  };
}

/** `Drift Detected`: the counts by state and the first resources that drifted. */
export function driftEntry(detail: DriftDetectedDetail): EventLogEntry {
  const counts = Object.entries(detail.summary)
    .filter(([state, n]) => state !== 'InSync' && (n ?? 0) > 0)
    .map(([state, n]) => `${n} ${state}`)
    .join(', ');
  const named = detail.resources
    .filter((r) => r.state !== 'InSync')
    .slice(0, 3)
    .map((r) => {
      const path = r.differences?.[0]?.path;
      return `${r.state} ${r.key}${path ? ` (${path})` : ''}`;
    });
  return {
    level: 'WARN',
    event: 'drift',
    outcome: 'found',
    targetId: detail.targetId,
    message: `${detail.targetId}: ${counts}${named.length ? ` — ${named.join('; ')}` : ''}`,
  };
}
