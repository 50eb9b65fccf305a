import { MeshcdError } from '../errors/meshcd-error.ts';
import type { RunError, RunRecord } from './run-record.ts';

/** A thrown error as a run records it: phase, reason and whether a retry can help. */
function runErrorOf(error: unknown): RunError {
  if (error instanceof MeshcdError) {
    return { phase: error.phase, reason: error.reason, message: error.message, retryable: error.retryable };
  }
  // Not raised on purpose: unexpected, so the platform retries it (see reportOrThrow).
  const message = error instanceof Error ? error.message : String(error);
  return { phase: 'reconcile', reason: 'unexpected', message, retryable: true };
}

/** The record of a run that threw before it could finish: outcome `failed`, with its error. */
export function failedRun(run: Omit<RunRecord, 'outcome' | 'summary' | 'errors'>, error: unknown): RunRecord {
  return { ...run, outcome: 'failed', summary: {}, errors: [runErrorOf(error)] };
}
