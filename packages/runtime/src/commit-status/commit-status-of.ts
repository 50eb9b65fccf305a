import { formatRunError, type RunRecord } from '@meshcd/core';
import type { CommitStatusUpdate } from './post-commit-status.ts';

const actions = ['create', 'update', 'delete', 'unchanged'] as const;

/**
 * The status a finished run leaves on its revision: success with the plan summary, or failure with the
 * first error (file:line first, so it survives the provider's length limit) and how many there are.
 */
export function commitStatusOf(run: Pick<RunRecord, 'outcome' | 'summary' | 'errors'>): CommitStatusUpdate {
  if (run.outcome === 'succeeded') {
    const counts = actions.map((a) => `${run.summary[a] ?? 0} ${a === 'unchanged' ? a : `to ${a}`}`);
    return { state: 'success', description: `Applied: ${counts.join(', ')}` };
  }
  const errors = run.errors ?? [];
  const first = errors[0];
  const verb =
    run.outcome === 'refused' ? 'Refused' : run.outcome === 'partial' ? 'Partly applied' : 'Failed';
  // The count goes before the first error: a long message is cut at the end, never the count.
  const count = errors.length > 1 ? ` (${errors.length} errors)` : '';
  return { state: 'failure', description: first ? `${verb}${count}: ${formatRunError(first)}` : verb };
}
