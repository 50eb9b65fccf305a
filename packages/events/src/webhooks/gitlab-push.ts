import * as z from 'zod';
import { parsePayload } from '../event-error.ts';
import type { GitPushTrigger } from '../trigger-event.ts';
import { branchOf, changedPathsOf, commitSha, isDeletedRevision } from './git-refs.ts';

const commit = z.looseObject({
  id: z.string(),
  timestamp: z.string(),
  added: z.array(z.string()).optional(),
  modified: z.array(z.string()).optional(),
  removed: z.array(z.string()).optional(),
});

/** The fields of GitLab's `Push Hook` meshcd reads; everything else passes through untouched. */
export const gitLabPushSchema = z.looseObject({
  object_kind: z.string(),
  ref: z.string(),
  before: commitSha,
  after: commitSha,
  checkout_sha: commitSha.nullable(),
  user_username: z.string().optional(),
  project: z.looseObject({ git_http_url: z.string(), path_with_namespace: z.string() }),
  commits: z.array(commit).default([]),
  total_commits_count: z.number().optional(),
});
export type GitLabPush = z.infer<typeof gitLabPushSchema>;

/**
 * A GitLab push as a trigger, or undefined for a branch deletion or a tag push. GitLab's payload has no
 * push time, so the order is the pushed commit's time, and the time meshcd received the hook when the
 * commit is not listed: unlike receipt time, the commit time stays put when a delivery is redelivered.
 */
export function normalizeGitLabPush(
  body: unknown,
  deliveryId: string,
  receivedAt: number,
): GitPushTrigger | undefined {
  const push = parsePayload(gitLabPushSchema, body, 'GitLab push');
  const branch = branchOf(push.ref);
  if (push.object_kind !== 'push' || branch === undefined) return undefined;
  if (isDeletedRevision(push.after) || isDeletedRevision(push.checkout_sha)) return undefined;
  const revision = push.checkout_sha ?? push.after;
  const head = push.commits.find((c) => c.id === revision);
  const headTime = head ? Date.parse(head.timestamp) : Number.NaN;
  const complete = push.total_commits_count === undefined || push.total_commits_count <= push.commits.length;
  return {
    type: 'git-push',
    provider: 'gitlab',
    repository: push.project.git_http_url,
    branch,
    revision,
    order: Number.isNaN(headTime) ? receivedAt : headTime,
    deliveryId,
    before: push.before,
    ...(push.user_username ? { pusher: push.user_username } : {}),
    ...(complete ? { changedPaths: changedPathsOf(push.commits) } : {}),
  };
}
