import type { FieldDiff } from '../plan/diff-spec.ts';
import type { PlanAction, PlanBlocker, PlanReason } from '../plan/plan-types.ts';
import type { DesiredLatticeResource, LatticeResourceKind } from './lattice-resource.ts';
import type { KeyedLatticeResource } from './observe-lattice.ts';

/** One planned Lattice change: the shared plan model's actions and reasons, with Lattice's kinds. */
export interface LatticePlannedChange {
  action: PlanAction;
  reason: PlanReason;
  kind: LatticeResourceKind;
  key: string;
  name: string;
  wave: number;
  desired?: DesiredLatticeResource;
  observed?: KeyedLatticeResource;
  diff: FieldDiff[];
  /** A replacement target group's name: the old one still holds the desired name until it is deleted. */
  createAs?: string;
}

export interface LatticePlan {
  targetId: string;
  changes: LatticePlannedChange[];
  blockers: PlanBlocker[];
  /** Inventory keys whose resource is gone or no longer ours, and no longer desired. */
  forget: string[];
  summary: Record<PlanAction, number>;
}

export const hasLatticeChanges = (plan: LatticePlan): boolean =>
  plan.changes.some((c) => c.action === 'create' || c.action === 'update' || c.action === 'delete');
