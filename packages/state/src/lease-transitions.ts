import type { LeaseAcquisition, RevisionRequest, TargetLease } from '@meshcd/core';

/**
 * The lease's state machine as pure functions of (current lease, request) → (next lease, answer). Both
 * stores run exactly these: the memory store applies the result directly, the DynamoDB store writes it
 * with a condition on the version it read, so every transition is one atomic compare-and-set.
 */
export type LeaseTransition<A> = { next: TargetLease | undefined; answer: A };

const isNewer = (candidate: RevisionRequest, than: RevisionRequest | undefined) =>
  than === undefined || candidate.order > than.order;

const heldBy = (lease: TargetLease | undefined, now: number): string | undefined =>
  lease?.holder !== undefined && lease.expiresAt !== undefined && lease.expiresAt > now
    ? lease.holder
    : undefined;

/** Raise `wanted` if the request is newer; take the lease if free, expired, or already ours. */
export function acquireTransition(
  current: TargetLease | undefined,
  targetId: string,
  holder: string,
  request: RevisionRequest,
  now: number,
  ttlMs: number,
): LeaseTransition<LeaseAcquisition> {
  const base: TargetLease = current ?? { targetId };
  const wanted = isNewer(request, base.wanted) ? request : base.wanted;
  const other = heldBy(current, now);
  if (other !== undefined && other !== holder) {
    const changed = wanted !== base.wanted;
    return {
      next: changed ? { ...base, wanted } : current,
      answer: { acquired: false, holder: other, expiresAt: base.expiresAt! },
    };
  }
  const lease: TargetLease = { ...base, holder, expiresAt: now + ttlMs, ...(wanted ? { wanted } : {}) };
  return { next: lease, answer: { acquired: true, lease } };
}

/** Extend the lease only while `holder` still holds it and it has not expired. */
export function renewTransition(
  current: TargetLease | undefined,
  holder: string,
  now: number,
  ttlMs: number,
): LeaseTransition<boolean> {
  if (current === undefined || heldBy(current, now) !== holder) return { next: current, answer: false };
  return { next: { ...current, expiresAt: now + ttlMs }, answer: true };
}

export type CompleteAnswer =
  | { released: true }
  | { released: false; next: RevisionRequest }
  /** The caller no longer holds the lease: someone else took it after it expired. */
  | { lost: true; holder: string | undefined };

/**
 * Record `applied` (never moving it backwards) and release, unless something newer than what is now
 * applied is wanted: then keep the lease and hand that revision back. Completion does not look at the
 * clock: a holder that overran its lease may still finish, as long as nobody has taken the lease since.
 */
export function completeTransition(
  current: TargetLease | undefined,
  holder: string,
  applied: RevisionRequest,
): LeaseTransition<CompleteAnswer> {
  if (current === undefined || current.holder !== holder) {
    return { next: current, answer: { lost: true, holder: current?.holder } };
  }
  const nowApplied = isNewer(applied, current.applied) ? applied : current.applied!;
  if (current.wanted !== undefined && current.wanted.order > nowApplied.order) {
    return { next: { ...current, applied: nowApplied }, answer: { released: false, next: current.wanted } };
  }
  const { holder: _holder, expiresAt: _expiresAt, ...released } = current;
  return { next: { ...released, applied: nowApplied }, answer: { released: true } };
}
