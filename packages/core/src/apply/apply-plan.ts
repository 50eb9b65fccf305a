import { type AppMeshWriterOptions, appMeshWriter, meshChangeNeeds } from '../appmesh/appmesh-writer.ts';
import type { Plan, PlannedChange } from '../plan/plan-types.ts';
import { type ApplyRunOptions, applyChangeSet } from '../provider/apply-change-set.ts';
import type { ApplyResult } from '../provider/change.ts';

interface ApplyOptions extends AppMeshWriterOptions, ApplyRunOptions<PlannedChange> {}

/** Applies an App Mesh plan: its writer and its needs, run by the shared wave runner. */
export const applyPlan = (plan: Plan, options: ApplyOptions): Promise<ApplyResult> =>
  applyChangeSet(plan, appMeshWriter(options), meshChangeNeeds, options);
