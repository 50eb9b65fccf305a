import * as z from 'zod';
import { schemaVersion } from '../event-names.ts';
import type { GitPushTrigger } from '../trigger-event.ts';
import { commitSha } from '../webhooks/git-refs.ts';

/** Detail of meshcd's own `meshcd.git` / `Git Push` event, published by the webhook receiver. */
export const gitPushDetailSchema = z.object({
  schemaVersion: z.literal(schemaVersion),
  provider: z.enum(['github', 'gitlab', 'codecommit', 'generic']),
  repository: z.string().min(1),
  branch: z.string().min(1),
  revision: commitSha,
  order: z.number().int().nonnegative(),
  /** Several revisions share `order`: reconcile the branch head (RevisionRequest.tie). meshcd's own events only. */
  tie: z.number().int().positive().optional(),
  deliveryId: z.string().min(1),
  before: z.string().optional(),
  pusher: z.string().optional(),
  changedPaths: z.array(z.string()).optional(),
  /** What trimToEntrySize dropped to fit EventBridge's entry size, e.g. `changedPaths`. */
  trimmed: z.array(z.string()).optional(),
});
export type GitPushDetail = z.infer<typeof gitPushDetailSchema>;

export function toGitPushDetail(trigger: GitPushTrigger): GitPushDetail {
  const { type: _type, ...rest } = trigger;
  return { schemaVersion, ...rest };
}

export function gitPushTriggerOf(detail: GitPushDetail): GitPushTrigger {
  const { schemaVersion: _version, trimmed: _trimmed, ...rest } = detail;
  return { type: 'git-push', ...rest };
}
