import type { StateStore, Target } from '@meshcd/core';

/**
 * Target records: the deploy-time configuration may be seeded into the table so functions look a
 * target up by id. Only deploy tooling writes them; nothing read from a manifest repository does.
 */
export interface TargetRegistry {
  putTarget(target: Target): Promise<void>;
  getTarget(targetId: string): Promise<Target | undefined>;
  /** Every target, ordered by id. */
  listTargets(): Promise<Target[]>;
}

/** The full store this package provides: the core's StateStore port plus target records. */
export type MeshcdStateStore = StateStore & TargetRegistry;
