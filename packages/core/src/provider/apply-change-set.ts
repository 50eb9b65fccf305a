import type { InventoryStore } from '../state/state-store.ts';
import type { ApplyResult, Change } from './change.ts';
import { runWaves, type WaveRunOptions } from './run-waves.ts';
import type { Writer } from './writer.ts';

/** How an apply runs: the wave runner's deadline, concurrency and progress. */
export interface ApplyRunOptions<C extends Change> {
  /** Time left before the platform stops us (a Lambda's remaining time); unlimited when absent. */
  remainingMs?: () => number;
  /** Do not start a wave with less time than this left. */
  reserveMs?: number;
  /** Writes in flight at once within a wave; the adapter's token bucket sets the rate. */
  concurrency?: number;
  onProgress?: WaveRunOptions<C>['onOutcome'];
}

/**
 * Applies one provider's change set: its writer run by the wave runner, so a failed change fails only what
 * needs it and a near deadline stops at a wave boundary. What the set forgets is forgotten only when every
 * wave ran.
 */
export async function applyChangeSet<C extends Change>(
  set: { changes: readonly C[]; forget: readonly string[] },
  writer: Writer<C>,
  needs: NonNullable<WaveRunOptions<C>['needs']>,
  options: ApplyRunOptions<C> & { targetId: string; store: Pick<InventoryStore, 'deleteInventory'> },
): Promise<ApplyResult> {
  const result = await runWaves(set.changes, writer, {
    needs,
    concurrency: options.concurrency,
    remainingMs: options.remainingMs,
    reserveMs: options.reserveMs,
    onOutcome: options.onProgress,
  });
  if (result.complete)
    for (const key of set.forget) await options.store.deleteInventory(options.targetId, key);
  return result;
}
