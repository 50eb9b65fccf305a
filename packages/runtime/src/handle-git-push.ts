import type { Target } from '@meshcd/core';
import type { GitPushTrigger } from '@meshcd/events';
import {
  continuationPrefix,
  type ReconcileTargetDeps,
  type ReconcileTargetResult,
  reconcileTarget,
} from './reconcile-target.ts';
import { targetsForPush } from './targets-for-push.ts';

/**
 * A push, whatever its provider, reconciled into every target that follows its repository and branch.
 * The lease holder is the EventBridge event id: a retry of the same event (after a crash or a
 * transient fault) resumes its own lease at once instead of waiting for it to expire, while distinct
 * pushes queue behind each other. A continuation names the holder it resumes.
 */
export async function handleGitPush(
  push: GitPushTrigger,
  eventId: string,
  targets: readonly Target[],
  deps: ReconcileTargetDeps,
): Promise<ReconcileTargetResult[]> {
  const matching = targetsForPush(targets, push);
  if (matching.length === 0) {
    deps.logger.info('push matches no target', { repository: push.repository, branch: push.branch });
    return [];
  }
  const holder = push.deliveryId.startsWith(continuationPrefix)
    ? push.deliveryId.slice(continuationPrefix.length)
    : `event:${eventId}`;
  const request = { revision: push.revision, order: push.order };
  const results: ReconcileTargetResult[] = [];
  // Targets one after another: they share the account's App Mesh token bucket anyway.
  for (const target of matching) results.push(await reconcileTarget(target, request, holder, deps));
  return results;
}
