import {
  type DriftItem,
  isSettled,
  type RevisionRequest,
  type RunRecord,
  type StateStore,
  type Target,
  type TargetLease,
  type TargetProvider,
} from '@meshcd/core';

type DriftState = DriftItem['state'];

/**
 * Where a target stands, in one word:
 * - `healthy`: its last reconcile succeeded and nothing newer is waiting;
 * - `pending`: a newer revision is wanted than the last run reconciled, a reconcile holds the lease, or
 *   nothing was ever reconciled;
 * - `refused` | `partial` | `failed`: its last reconcile ended so (see RunOutcome).
 */
export type TargetHealth = 'healthy' | 'pending' | 'refused' | 'partial' | 'failed';

export interface TargetStatus {
  targetId: string;
  source: Target['source'];
  /** The service the target's manifests go to. */
  provider: TargetProvider;
  health: TargetHealth;
  /** Why the health is what it is, in words. */
  reason: string;
  /** Newest revision anyone asked for, and the last one a reconcile applied. */
  wanted?: RevisionRequest;
  applied?: RevisionRequest;
  /** The newest revision whose reconcile ended without applying it (refused, failed, partial). */
  failed?: RevisionRequest;
  /** The newest reconcile of the target (plans from the command line are not reconciles). */
  lastRun?: RunRecord;
  lease: { state: 'free' | 'held' | 'expired'; holder?: string; expiresAt?: string };
  /** The last drift check: when, against which revision, and how many resources in each state. */
  drift?: { detectedAt: string; revision?: string; counts: Record<DriftState, number> };
}

/** How many runs back status looks for the newest reconcile among command-line plans. */
const runsRead = 50;

/**
 * Reads a target's status from the state store: lease, last reconcile and last drift check. Read-only:
 * it never takes the lease or records anything, so it is safe against a live deployment.
 */
export async function readTargetStatus(state: StateStore, target: Target, now: Date): Promise<TargetStatus> {
  const [lease, runs, drift] = await Promise.all([
    state.getLease(target.id),
    state.listRuns(target.id, runsRead),
    state.getLastDriftReport(target.id),
  ]);
  const lastRun = runs.find((r) => r.mode === 'apply');
  const leaseState =
    lease?.holder === undefined ? 'free' : (lease.expiresAt ?? 0) > now.getTime() ? 'held' : 'expired';
  const { health, reason } = healthOf(lease, lastRun, leaseState);
  return {
    targetId: target.id,
    source: target.source,
    provider: target.provider ?? 'appmesh',
    health,
    reason,
    ...(lease?.wanted ? { wanted: lease.wanted } : {}),
    ...(lease?.applied ? { applied: lease.applied } : {}),
    ...(lease?.failed ? { failed: lease.failed } : {}),
    ...(lastRun ? { lastRun } : {}),
    lease: {
      state: leaseState,
      ...(lease?.holder ? { holder: lease.holder } : {}),
      ...(lease?.expiresAt !== undefined && lease.holder
        ? { expiresAt: new Date(lease.expiresAt).toISOString() }
        : {}),
    },
    ...(drift
      ? {
          drift: {
            detectedAt: drift.detectedAt,
            ...(drift.revision ? { revision: drift.revision } : {}),
            counts: drift.summary.counts,
          },
        }
      : {}),
  };
}

function healthOf(
  targetLease: TargetLease | undefined,
  lastRun: RunRecord | undefined,
  lease: TargetStatus['lease']['state'],
): { health: TargetHealth; reason: string } {
  const wanted = targetLease?.wanted;
  if (lease === 'held') return { health: 'pending', reason: 'a reconcile is running' };
  if (!lastRun) {
    return wanted
      ? { health: 'pending', reason: `${wanted.revision} is wanted and was never reconciled` }
      : { health: 'pending', reason: 'nothing was ever reconciled' };
  }
  // Wanted but neither run nor settled: a push queued behind the lease, or one whose run never started.
  // (Settled compares orders: a tie is applied under the branch head's revision, not the one wanted.)
  if (targetLease && wanted && wanted.revision !== lastRun.revision && !isSettled(targetLease, wanted)) {
    return {
      health: 'pending',
      reason: `${wanted.revision} is wanted; the last reconcile was of ${lastRun.revision}`,
    };
  }
  if (lastRun.outcome === 'succeeded') return { health: 'healthy', reason: `${lastRun.revision} applied` };
  const errors = lastRun.errors?.length ?? 0;
  return {
    health: lastRun.outcome,
    reason: `the last reconcile of ${lastRun.revision} was ${lastRun.outcome}${errors ? ` with ${errors} error(s)` : ''}`,
  };
}

/** 0 when every target is healthy; otherwise the command says 2 (refused, partial, failed or pending). */
export const allHealthy = (statuses: readonly TargetStatus[]): boolean =>
  statuses.every((s) => s.health === 'healthy');
