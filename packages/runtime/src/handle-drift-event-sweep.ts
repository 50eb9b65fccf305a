import type { RevisionRequest, Target, TargetLease } from '@meshcd/core';
import { detailTypes, eventSources, type GitPushDetail, schemaVersion } from '@meshcd/events';
import { continuationPrefix } from './reconcile-target.ts';

/**
 * The revision a target wants but never got: newer than the one applied while nobody works on it (the
 * lease is free, or its holder's expired). A reconcile that crashed after recording a push as wanted, or
 * whose continuation was lost, leaves this behind; without a nudge it waits for the next push.
 */
export function stuckRevision(lease: TargetLease | undefined, now: number): RevisionRequest | undefined {
  const wanted = lease?.wanted;
  if (!wanted) return undefined;
  if (lease.applied && lease.applied.order >= wanted.order) return undefined;
  const busy = lease.holder !== undefined && (lease.expiresAt ?? 0) > now;
  return busy ? undefined : wanted;
}

/**
 * A Git Push continuation for the stuck revision: the reconciler takes the lease as `holder` (free or
 * expired, so it can) and converges the target. The holder comes from the scheduled invocation, so a
 * retried sweep resumes the same lease instead of queueing behind itself.
 */
export function sweepContinuationEntry(target: Target, wanted: RevisionRequest, holder: string) {
  const detail: GitPushDetail = {
    schemaVersion,
    provider: 'generic',
    repository: target.source.repository,
    branch: target.source.branch,
    revision: wanted.revision,
    order: wanted.order,
    deliveryId: `${continuationPrefix}${holder}`,
  };
  return { Source: eventSources.git, DetailType: detailTypes.gitPush, Detail: JSON.stringify(detail) };
}
