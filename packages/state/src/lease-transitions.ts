import {
  compareRevisions,
  isSettled,
  newerRevision,
  type RevisionRequest,
  raiseWanted,
  type TargetLease,
} from '@meshcd/core';
import type { AcquireOptions, LeaseAcquisition, LeaseRelease, LeaseSettlement } from '@meshcd/core/ports';

/**
 * The lease's state machine as pure functions of (current lease, request) → (next lease, answer). Both
 * stores run exactly these: the memory store applies the result directly, the DynamoDB store writes it
 * with a condition on the version it read, so every transition is one atomic compare-and-set.
 */
export type LeaseTransition<A> = { next: TargetLease | undefined; answer: A };

const heldBy = (lease: TargetLease | undefined, now: number): string | undefined =>
  lease?.holder !== undefined && lease.expiresAt !== undefined && lease.expiresAt > now
    ? lease.holder
    : undefined;

/**
 * Raise `wanted` by the request (if any; see raiseWanted); take the lease if free, expired, already
 * ours, or held by the holder we resume from.
 */
export function acquireTransition(
  current: TargetLease | undefined,
  targetId: string,
  holder: string,
  request: RevisionRequest | undefined,
  now: number,
  ttlMs: number,
  options: AcquireOptions = {},
): LeaseTransition<LeaseAcquisition> {
  const base: TargetLease = current ?? { targetId };
  const wanted = request ? raiseWanted(base.wanted, request) : base.wanted;
  const other = heldBy(current, now);
  if (other !== undefined && other !== holder && other !== options.resumeFrom) {
    const changed = wanted !== base.wanted;
    return {
      next: changed ? { ...base, wanted: wanted! } : current,
      answer: { acquired: false, holder: other, expiresAt: base.expiresAt! },
    };
  }
  const lease: TargetLease = { ...base, holder, expiresAt: now + ttlMs, ...(wanted ? { wanted } : {}) };
  // Every settlement clears the holder, so one still set was never settled (see tookOverFrom).
  const previous = current?.holder;
  return {
    next: lease,
    answer: { acquired: true, lease, ...(previous !== undefined ? { tookOverFrom: previous } : {}) },
  };
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

export type ReleaseAnswer = LeaseRelease | { lost: true; holder: string | undefined };

const lost = (current: TargetLease | undefined) => ({
  next: current,
  answer: { lost: true as const, holder: current?.holder },
});

/** The lease let go: holder and expiry removed, everything else kept. */
function withoutHolder(lease: TargetLease): TargetLease {
  const { holder: _holder, expiresAt: _expiresAt, ...released } = lease;
  return released;
}

/**
 * Keep the lease and hand back `wanted` when it is newer than what the run just settled; release
 * otherwise. Completion does not look at the clock: a holder that overran its lease may still finish,
 * as long as nobody has taken the lease since.
 */
function settle(lease: TargetLease, settled: RevisionRequest): LeaseTransition<LeaseSettlement> {
  if (
    lease.wanted !== undefined &&
    compareRevisions(lease.wanted, settled) > 0 &&
    !isSettled(lease, lease.wanted)
  ) {
    return { next: lease, answer: { released: false, next: lease.wanted } };
  }
  return { next: withoutHolder(lease), answer: { released: true } };
}

/** Record `applied` (never moving it backwards), then release or hand back a newer wanted revision. */
export function completeTransition(
  current: TargetLease | undefined,
  holder: string,
  applied: RevisionRequest,
): LeaseTransition<CompleteAnswer> {
  if (current === undefined || current.holder !== holder) return lost(current);
  return settle({ ...current, applied: newerRevision(current.applied, applied) }, applied);
}

/**
 * Record `failed` as a revision that ended without being applied (a refused plan, a terminal error, a
 * partial apply), leaving `applied` as it was; then release or hand back a newer wanted revision, so a
 * newer push still runs.
 */
export function failTransition(
  current: TargetLease | undefined,
  holder: string,
  failed: RevisionRequest,
): LeaseTransition<CompleteAnswer> {
  if (current === undefined || current.holder !== holder) return lost(current);
  return settle({ ...current, failed: newerRevision(current.failed, failed) }, failed);
}

/**
 * Let go without recording any outcome (a transient failure the platform retries, a self-heal that
 * writes no revision). Anything wanted and not settled is answered as `pending`: nobody will pick it up
 * from this lease, so the caller hands it on.
 */
export function releaseTransition(
  current: TargetLease | undefined,
  holder: string,
): LeaseTransition<ReleaseAnswer> {
  if (current === undefined || current.holder !== holder) return lost(current);
  const pending =
    current.wanted !== undefined && !isSettled(current, current.wanted) ? current.wanted : undefined;
  return { next: withoutHolder(current), answer: { released: true, ...(pending ? { pending } : {}) } };
}
