import type { InventoryEntry } from '../state/inventory-entry.ts';
import type { RunLog } from '../state/state-store.ts';
import { type ObserveScope, scopeToChanges } from './observe-scope.ts';

/** Why a reconcile observes everything instead of only what its change can touch. */
export type FullObserveReason =
  /** Asked for (`--refresh`). */
  | 'refresh'
  /** Nothing recorded as applied: nothing vouches for what is not listed. */
  | 'no-inventory'
  /** No apply on record that was not refused (none yet, or beyond the runs consulted). */
  | 'no-previous-apply'
  /** The last apply failed or was partial: a write it made may have missed the inventory. */
  | 'previous-apply-unsettled'
  /** The inventory was written after the last apply finished: by a run that never recorded its end. */
  | 'written-since-previous-apply'
  /**
   * The lease was taken over from a holder that never settled (killed, timed out): it may have written
   * to the provider without recording the write, and without recording its run.
   */
  | 'previous-holder-unsettled';

/** Runs read to find the last apply: plans and drift checks in between are skipped. */
const runsConsulted = 25;

/**
 * How much a reconcile observes. The inventory stands in for what a change cannot touch only while it
 * can be trusted to be what was applied: the last apply that wrote anything succeeded, and nothing was
 * written since. Otherwise, or when asked, everything is observed, as the drift run always does.
 */
export async function observeScopeFor(input: {
  targetId: string;
  desired: readonly { key: string; spec: unknown }[];
  inventory: readonly InventoryEntry[];
  runs: Pick<RunLog, 'listRuns'>;
  refresh?: boolean;
  /** The lease holder this run took over from, which never settled (see LeaseAcquisition). */
  unsettledHolder?: string;
}): Promise<{ scope: ObserveScope; full?: undefined } | { scope?: undefined; full: FullObserveReason }> {
  if (input.refresh) return { full: 'refresh' };
  if (input.unsettledHolder !== undefined) return { full: 'previous-holder-unsettled' };
  if (input.inventory.length === 0) return { full: 'no-inventory' };
  const runs = await input.runs.listRuns(input.targetId, runsConsulted);
  // A refused apply wrote nothing: the one before it is what the inventory reflects.
  const last = runs.find((r) => r.mode === 'apply' && r.outcome !== 'refused');
  if (!last) return { full: 'no-previous-apply' };
  if (last.outcome !== 'succeeded') return { full: 'previous-apply-unsettled' };
  const finished = Date.parse(last.finishedAt);
  if (input.inventory.some((e) => Date.parse(e.updatedAt) > finished))
    return { full: 'written-since-previous-apply' };
  return { scope: scopeToChanges(input.desired, input.inventory) };
}
