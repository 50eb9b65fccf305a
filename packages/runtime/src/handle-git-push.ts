import type { Target } from '@meshcd/core';
import type { GitPushTrigger } from '@meshcd/events';
import {
  continuationPrefix,
  type ReconcileTargetDeps,
  type ReconcileTargetResult,
  reconcileTarget,
} from './reconcile-target.ts';
import { targetsForPush } from './targets-for-push.ts';

/** One invocation of the reconciler: the EventBridge event and the Lambda request handling it. */
export interface Invocation {
  eventId: string;
  /** Lambda's request id: distinct for every delivery and every retry of the same event. */
  requestId: string;
}

/**
 * A push, whatever its provider, reconciled into every target that follows its repository and branch.
 * The lease holder names one invocation: EventBridge may deliver one event twice, and two deliveries
 * holding the lease under one name would both reconcile at once. A retry after a transient failure is
 * a new invocation too; the failed one released the lease before throwing, so the retry takes it at
 * once (after a crash it waits for the lease to expire, or the scheduled sweep picks the revision up).
 * A continuation takes the lease over from the holder it names, and only one copy of it can.
 */
export async function handleGitPush(
  push: GitPushTrigger,
  invocation: Invocation,
  targets: readonly Target[],
  deps: ReconcileTargetDeps,
): Promise<ReconcileTargetResult[]> {
  const matching = targetsForPush(targets, push);
  if (matching.length === 0) {
    deps.logger.info('push matches no target', { repository: push.repository, branch: push.branch });
    return [];
  }
  const holder = `event:${invocation.eventId}/${invocation.requestId}`;
  const resumeFrom = push.deliveryId.startsWith(continuationPrefix)
    ? push.deliveryId.slice(continuationPrefix.length)
    : undefined;
  const request = { revision: push.revision, order: push.order, ...(push.tie ? { tie: push.tie } : {}) };
  const results: ReconcileTargetResult[] = [];
  // Targets one after another: they share the account's App Mesh token bucket anyway.
  for (const target of matching) {
    results.push(await reconcileTarget(target, request, holder, deps, resumeFrom ? { resumeFrom } : {}));
  }
  return results;
}
