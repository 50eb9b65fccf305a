/** One reconcile run's history record. */
type RunMode = 'plan' | 'apply' | 'detect';
/**
 * - `succeeded`: everything planned is applied (or, for a plan, computed).
 * - `refused`: invalid manifests or a blocked plan (prune guard, conflict, quota); nothing written.
 * - `partial`: some writes failed, or the deadline stopped the apply; what was written is recorded.
 * - `failed`: the run threw (source unreachable, observe failed, namespace unresolved …) before it
 *   could finish; `errors` says where, and whether the platform retries it.
 */
export type RunOutcome = 'succeeded' | 'failed' | 'partial' | 'refused';

export interface RunRecord {
  targetId: string;
  runId: string;
  mode: RunMode;
  /** The commit the run reconciled (the branch head's, when several pushes tied; see RevisionRequest). */
  revision: string;
  startedAt: string;
  finishedAt: string;
  outcome: RunOutcome;
  /** Counts of plan actions by kind of action (empty when the run failed before planning). */
  summary: Record<string, number>;
  /** Errors, by phase and reason, when it was refused, partial or failed. */
  errors?: RunError[];
}

/** One error of a run; a manifest error also says where: file, line, column, object and field. */
export interface RunError {
  /** The step of the data flow, e.g. `source`, `desired`, `observe`, `apply`. */
  phase: string;
  reason: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  /** `Kind/namespace/name` of the object at fault. */
  object?: string;
  /** Field path inside the object. */
  field?: string;
  /** True when a retry can help and the platform retries (a later run follows); absent when unknown. */
  retryable?: boolean;
}
