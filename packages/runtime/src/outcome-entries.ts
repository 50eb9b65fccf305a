import type { ReconcileResult, Target } from '@meshcd/core';
import { detailTypes, outboundEntry, type PutEventsEntry, schemaVersion } from '@meshcd/events';
import type { ReportedError } from './report-or-throw.ts';

/** Outcome events list this many errors at most, so an entry stays far below the PutEvents limit. */
const maxListedErrors = 20;

interface OutcomeContext {
  target: Target;
  revision: string;
  runId: string;
  startedAt: string;
  finishedAt: string;
}

/** `Reconcile Succeeded` or `Reconcile Failed` for a finished run, with the plan summary. */
export function outcomeEntry(
  result: Pick<ReconcileResult, 'run' | 'status'>,
  continued: boolean,
): PutEventsEntry {
  const { run } = result;
  const base = {
    schemaVersion,
    targetId: run.targetId,
    revision: run.revision,
    runId: run.runId,
    mode: run.mode,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    summary: run.summary,
  };
  if (result.status === 'succeeded' || continued) {
    return outboundEntry(detailTypes.reconcileSucceeded, { ...base, ...(continued ? { continued } : {}) });
  }
  const errors = (run.errors ?? []).map((e) => ({ ...e, retryable: false }));
  const outcome = result.status === 'refused' ? 'refused' : 'partial';
  return failedEntry({ ...base, outcome }, errors.length > 0 ? errors : [noDetail(result.status)]);
}

/** `Reconcile Failed` for a run that stopped before reconcile() could record one (source, lease). */
export function errorOutcomeEntry(context: OutcomeContext, error: ReportedError): PutEventsEntry {
  return failedEntry(
    {
      schemaVersion,
      targetId: context.target.id,
      revision: context.revision,
      runId: context.runId,
      mode: 'apply',
      startedAt: context.startedAt,
      finishedAt: context.finishedAt,
      summary: {},
      outcome: 'failed',
    },
    [error],
  );
}

type FailedBase = Omit<Parameters<typeof outboundEntry<'Reconcile Failed'>>[1], 'errors'>;
type OutcomeError = Parameters<typeof outboundEntry<'Reconcile Failed'>>[1]['errors'][number];

function failedEntry(base: FailedBase, errors: OutcomeError[]): PutEventsEntry {
  const listed = errors.slice(0, maxListedErrors);
  const truncated = errors.length - listed.length;
  return outboundEntry(detailTypes.reconcileFailed, {
    ...base,
    errors: listed,
    ...(truncated > 0 ? { truncatedErrors: truncated } : {}),
  });
}

function noDetail(status: string): OutcomeError {
  return { phase: 'apply', reason: status, retryable: false, message: `reconcile ended ${status}` };
}
