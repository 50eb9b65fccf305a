import { isSettled, type RevisionRequest, type TargetLease } from '@meshcd/core';

/**
 * The revision a target wants but never got: not settled (neither applied nor failed) while nobody
 * works on it (the lease is free, or its holder's expired). A reconcile that crashed after recording a
 * push as wanted, a retry that queued behind the crashed holder's lease, or a lost continuation leaves
 * this behind; without a nudge it waits for the next push. The sweep publishes it as a Git Push whose
 * delivery id names the scheduled event, so the reconciler takes the free lease as a new holder.
 */
export function stuckRevision(lease: TargetLease | undefined, now: number): RevisionRequest | undefined {
  const wanted = lease?.wanted;
  if (!wanted || isSettled(lease, wanted)) return undefined;
  const busy = lease.holder !== undefined && (lease.expiresAt ?? 0) > now;
  return busy ? undefined : wanted;
}
