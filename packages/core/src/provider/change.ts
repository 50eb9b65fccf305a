/** What a plan does with one resource. */
export type ChangeAction = 'create' | 'update' | 'delete' | 'unchanged' | 'skip';

/** The part of a planned change every provider shares: what the wave runner and the reports need. */
export interface Change {
  action: ChangeAction;
  /** Why (a closed union per provider: `not-found`, `spec-changed`, `removed-from-git` …). */
  reason: string;
  /** The resource's key in text form (see ResourceKey). */
  key: string;
  /** Order of execution: every change of a lower wave finishes before a higher wave starts. */
  wave: number;
}

/** Why a plan may not be applied as it stands. */
export interface Blocker<R extends string = string> {
  reason: R;
  message: string;
  keys: string[];
}

/** One provider's ordered change set. */
export interface ChangeSet<C extends Change = Change, B extends Blocker = Blocker> {
  targetId: string;
  changes: C[];
  blockers: B[];
  /** Inventory keys whose resource is gone and no longer desired: forgotten when the plan is applied. */
  forget: string[];
  /** Counts by action. */
  summary: Record<ChangeAction, number>;
}

export type OutcomeStatus = 'done' | 'failed' | 'skipped' | 'not-started';

/** Why a change failed or was skipped; `retryable` says whether a later run can help. */
export interface OutcomeError {
  reason: string;
  message: string;
  retryable: boolean;
}

/** What became of one change. */
export interface ChangeOutcome {
  key: string;
  action: ChangeAction;
  status: OutcomeStatus;
  /** Why it failed or was skipped. */
  error?: OutcomeError;
}

export interface ApplyResult<O extends ChangeOutcome = ChangeOutcome> {
  outcomes: O[];
  /** False when the deadline stopped the apply at a wave boundary: the rest is `not-started`. */
  complete: boolean;
  /** Write calls made to the provider. */
  writes: number;
}

export const isWriteAction = (action: ChangeAction): boolean =>
  action === 'create' || action === 'update' || action === 'delete';

export const isWrite = (c: Pick<Change, 'action'>): boolean => isWriteAction(c.action);

export const hasWrites = (set: { changes: readonly Pick<Change, 'action'>[] }): boolean =>
  set.changes.some(isWrite);

/** Counts of a change set's actions. */
export function summarise(changes: readonly Pick<Change, 'action'>[]): Record<ChangeAction, number> {
  const summary = { create: 0, update: 0, delete: 0, unchanged: 0, skip: 0 };
  for (const c of changes) summary[c.action]++;
  return summary;
}

/** A thrown error as an outcome records it: the adapters' MeshcdError reason, else the error's name. */
export function outcomeError(error: unknown): OutcomeError {
  const e = error as { name?: string; message?: string; retryable?: boolean; reason?: string };
  return {
    reason: e.reason ?? e.name ?? 'Error',
    message: e.message ?? String(error),
    retryable: e.retryable ?? false,
  };
}
