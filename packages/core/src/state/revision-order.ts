import type { RevisionRequest, TargetLease } from './target-lease.ts';

/**
 * The order of revision requests: by `order`, then by `tie` (absent counts as 0). Two requests that
 * compare equal ask for the same state of the branch.
 *
 * Why not break ties by receipt time or by a counter taken when a webhook arrives: both order
 * deliveries, not pushes, and deliveries arrive out of order (retries, redeliveries, concurrent
 * senders). Only the repository knows which of two same-second pushes is newer, so a tie is resolved
 * by reconciling the branch head, which is at least as new as every push delivered so far.
 */
export function compareRevisions(a: RevisionRequest, b: RevisionRequest): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return Math.sign((a.tie ?? 0) - (b.tie ?? 0));
}

/**
 * What `wanted` becomes when `request` arrives. A newer order wins; an older one changes nothing. A
 * different revision with the same order and no tie of its own is a tie: nothing says which push is
 * newer, so the head is wanted, with a tie count above the current one so that a reconcile that may
 * have fetched the head before this push still runs once more. A request that already carries a tie
 * (a continuation or a sweep re-publishing `wanted`) is compared by its count.
 */
export function raiseWanted(wanted: RevisionRequest | undefined, request: RevisionRequest): RevisionRequest {
  if (wanted === undefined || request.order > wanted.order) return request;
  if (request.order < wanted.order) return wanted;
  if (request.tie !== undefined) return compareRevisions(request, wanted) > 0 ? request : wanted;
  if (request.revision === wanted.revision) return wanted;
  return { revision: request.revision, order: request.order, tie: (wanted.tie ?? 0) + 1 };
}

/** The newer of two requests (the first when they compare equal). */
export const newerRevision = (a: RevisionRequest | undefined, b: RevisionRequest): RevisionRequest =>
  a === undefined || compareRevisions(b, a) > 0 ? b : a;

/**
 * True when `request` needs no reconcile: a revision at least as new is applied, or this very request
 * (or a newer one) already ended in a terminal failure that only a new push can change.
 */
export function isSettled(lease: Pick<TargetLease, 'applied' | 'failed'>, request: RevisionRequest): boolean {
  if (lease.applied && compareRevisions(lease.applied, request) >= 0) return true;
  return lease.failed !== undefined && compareRevisions(lease.failed, request) >= 0;
}
