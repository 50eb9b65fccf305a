import { type ApplyRunOptions, applyChangeSet } from '../provider/apply-change-set.ts';
import type { ApplyResult } from '../provider/change.ts';
import type { LatticePlan, LatticePlannedChange } from './lattice-plan-types.ts';
import { type LatticeWriterOptions, latticeChangeNeeds, latticeWriter } from './lattice-writer.ts';

export interface LatticeApplyOptions extends LatticeWriterOptions, ApplyRunOptions<LatticePlannedChange> {}

/**
 * Applies a Lattice plan: its writer (made for this plan, since Lattice ids exist only once created) and
 * its needs, run by the wave runner every provider shares.
 */
export const applyLatticePlan = (plan: LatticePlan, options: LatticeApplyOptions): Promise<ApplyResult> =>
  applyChangeSet(plan, latticeWriter(plan.changes, options), latticeChangeNeeds, options);
