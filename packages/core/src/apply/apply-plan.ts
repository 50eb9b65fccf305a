import { type AppMeshWriterOptions, appMeshWriter, meshChangeNeeds } from '../appmesh/appmesh-writer.ts';
import type { Plan, PlannedChange } from '../plan/plan-types.ts';
import type { ApplyResult, ChangeOutcome } from '../provider/change.ts';
import { runWaves } from '../provider/run-waves.ts';

interface ApplyOptions extends AppMeshWriterOptions {
  /** Time left before the platform stops us (a Lambda's remaining time); unlimited when absent. */
  remainingMs?: () => number;
  /** Do not start a wave with less time than this left. */
  reserveMs?: number;
  /** Writes in flight at once within a wave; the adapter's token bucket sets the rate. */
  concurrency?: number;
  onProgress?: (event: {
    change: PlannedChange;
    outcome: ChangeOutcome;
    done: number;
    total: number;
  }) => void;
}

/**
 * Applies an App Mesh plan: its writer run by the wave runner, so a failed change fails only what depends
 * on it and a near deadline stops at a wave boundary. What the plan forgets is forgotten only when every
 * wave ran.
 */
export async function applyPlan(plan: Plan, options: ApplyOptions): Promise<ApplyResult> {
  const result = await runWaves(plan.changes, appMeshWriter(options), {
    needs: meshChangeNeeds,
    concurrency: options.concurrency,
    remainingMs: options.remainingMs,
    reserveMs: options.reserveMs,
    onOutcome: options.onProgress,
  });
  if (result.complete)
    for (const key of plan.forget) await options.store.deleteInventory(options.targetId, key);
  return result;
}
