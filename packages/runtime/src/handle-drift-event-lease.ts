import { compareRevisions, type Target, type TargetLease } from '@meshcd/core';
import type { HandleDriftEventDeps } from './handle-drift-event-deps.ts';
import { gitPushEntry } from './reconcile-target.ts';

type LeaseDeps = Pick<HandleDriftEventDeps, 'state' | 'events' | 'now' | 'leaseTtlMs'>;

/**
 * Runs a drift check that may heal: healing only when the policy says so, no reconcile is due and the
 * lease was taken; the lease is let go whatever the check does.
 */
export async function whileHealing<R>(
  target: Target,
  lease: TargetLease | undefined,
  holder: string,
  deps: LeaseDeps,
  check: (healing: boolean) => Promise<R>,
): Promise<R> {
  const healing =
    target.policy.selfHeal && !reconcileDue(lease, deps.now()) && (await takeLease(target, holder, deps));
  try {
    return await check(healing);
  } finally {
    if (healing) await releaseLease(target, holder, deps);
  }
}

/**
 * Self-heal writes, so it holds the lease like a reconcile: a push arriving meanwhile queues behind it
 * instead of racing it. Taken without a revision (wanted is left alone), and given up at once if a
 * reconcile became due between the read and the take.
 */
async function takeLease(target: Target, holder: string, deps: LeaseDeps): Promise<boolean> {
  const taken = await deps.state.acquireLease(target.id, holder, undefined, deps.now(), deps.leaseTtlMs);
  if (!taken.acquired) return false;
  const { holder: _self, expiresAt: _until, ...rest } = taken.lease;
  if (!reconcileDue(rest, deps.now())) return true;
  await releaseLease(target, holder, deps);
  return false;
}

/** Let go; a push that queued behind the heal is handed on to the reconciler, not left waiting. */
async function releaseLease(target: Target, holder: string, deps: LeaseDeps): Promise<void> {
  const { pending } = await deps.state.releaseLease(target.id, holder);
  if (pending) await deps.events.publish([gitPushEntry(target, pending, `requeue:${holder}`)]);
}

/**
 * Self-heal re-applies the last applied revision, so it must not race a reconcile that holds the lease,
 * nor undo a newer revision that is wanted and not settled yet: that reconcile converges the target.
 * A newer revision that failed is not applied either, and what is live may be part of it: heal waits
 * for a push that succeeds rather than roll it back.
 */
function reconcileDue(lease: TargetLease | undefined, now: number): boolean {
  if (!lease) return false;
  const held = lease.holder !== undefined && (lease.expiresAt ?? 0) > now;
  const newerWanted =
    lease.wanted !== undefined &&
    (lease.applied === undefined || compareRevisions(lease.wanted, lease.applied) > 0);
  return held || newerWanted;
}
