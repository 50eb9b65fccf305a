/** One reconcile run's history record. */
export type RunMode = 'plan' | 'apply' | 'detect';
export type RunOutcome = 'succeeded' | 'failed' | 'partial' | 'refused';

export interface RunRecord {
  targetId: string;
  runId: string;
  mode: RunMode;
  revision: string;
  startedAt: string;
  finishedAt: string;
  outcome: RunOutcome;
  /** Counts of plan actions by kind of action. */
  summary: Record<string, number>;
  /** Errors, by phase and reason, when it failed. */
  errors?: RunError[];
}

/** One error of a run; a manifest error also says where: file, line, column, object and field. */
export interface RunError {
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
}
