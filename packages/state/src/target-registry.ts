import type { StateStore, Target } from '@meshcd/core';

/**
 * Target records: the deploy-time configuration may be seeded into the table so functions look a
 * target up by id. Only deploy tooling writes them; nothing read from a manifest repository does.
 */
export interface TargetRegistry {
  putTarget(target: Target): Promise<void>;
  getTarget(targetId: string): Promise<Target | undefined>;
  /**
   * Every target, ordered by id. A stored record whose data is not JSON comes back as an
   * UnreadableTargetRecord in its place, so one damaged record cannot hide the others.
   */
  listTargets(): Promise<Array<Target | UnreadableTargetRecord>>;
}

/** A target record whose data the store cannot decode: its id and why, for the reader to report. */
export interface UnreadableTargetRecord {
  readonly unreadable: true;
  readonly targetId: string;
  readonly reason: string;
}

export const isUnreadableTarget = (record: unknown): record is UnreadableTargetRecord =>
  (record as { unreadable?: unknown } | null)?.unreadable === true;

/** The full store this package provides: the core's StateStore port plus target records. */
export type MeshcdStateStore = StateStore & TargetRegistry;
