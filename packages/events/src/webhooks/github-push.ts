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

/** The fields of GitHub's `push` webhook meshcd reads; everything else passes through untouched. */
export const gitHubPushSchema = z.looseObject({
  ref: z.string(),
  before: commitSha,
  after: commitSha,
  deleted: z.boolean().optional(),
  commits: z.array(commit).default([]),
  head_commit: commit.nullable().optional(),
  pusher: z.looseObject({ name: z.string() }).optional(),
  repository: z.looseObject({
    full_name: z.string(),
    clone_url: z.string(),
    // Push payloads give epoch seconds here; other events an ISO string.
    pushed_at: z.union([z.number(), z.string()]).nullable().optional(),
  }),
});
export type GitHubPush = z.infer<typeof gitHubPushSchema>;

/** GitHub lists at most this many commits per push; beyond it the changed paths are unknown. */
const commitListLimit = 2048;

/**
 * A GitHub push as a trigger, or undefined when it asks for no reconcile (branch deletion, tag push).
 * Order is the server's push time: a force-push back to an old commit is still the newest push, while
 * commit times come from committers' clocks.
 */
export function normalizeGitHubPush(
  body: unknown,
  deliveryId: string,
  receivedAt: number,
): GitPushTrigger | undefined {
  const push = parsePayload(gitHubPushSchema, body, 'GitHub push');
  const branch = branchOf(push.ref);
  if (branch === undefined || push.deleted === true || isDeletedRevision(push.after)) return undefined;
  const pushedAt = push.repository.pushed_at;
  const order =
    typeof pushedAt === 'number'
      ? pushedAt * 1000
      : (timeOf(pushedAt) ?? timeOf(push.head_commit?.timestamp) ?? receivedAt);
  return {
    type: 'git-push',
    provider: 'github',
    repository: push.repository.clone_url,
    branch,
    revision: push.after,
    order,
    deliveryId,
    before: push.before,
    ...(push.pusher ? { pusher: push.pusher.name } : {}),
    ...(push.commits.length < commitListLimit ? { changedPaths: changedPathsOf(push.commits) } : {}),
  };
}

function timeOf(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}
