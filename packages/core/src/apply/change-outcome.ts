import type { PlanAction, PlannedChange } from '../plan/plan-types.ts';

export type OutcomeStatus = 'done' | 'failed' | 'skipped' | 'not-started';

export interface ChangeOutcome {
  key: string;
  action: PlanAction;
  status: OutcomeStatus;
  /** Why it failed or was skipped. */
  error?: { reason: string; message: string; retryable: boolean };
}

export interface ApplyResult {
  outcomes: ChangeOutcome[];
  /** False when the deadline stopped the apply at a wave boundary: the rest is `not-started`. */
  complete: boolean;
  /** Write calls made to App Mesh. */
  writes: number;
}

export const isWrite = (c: PlannedChange) =>
  c.action === 'create' || c.action === 'update' || c.action === 'delete';
