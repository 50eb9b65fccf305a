import * as z from 'zod';
import type { GitPushTrigger } from '../trigger-event.ts';

/** `aws.codecommit` / `CodeCommit Repository State Change` detail (ref events; PR events share the type). */
export const codeCommitStateChangeSchema = z.looseObject({
  event: z.string(),
  repositoryName: z.string(),
  repositoryId: z.string().optional(),
  referenceType: z.string().optional(),
  referenceName: z.string().optional(),
  referenceFullName: z.string().optional(),
  commitId: z.string().optional(),
  oldCommitId: z.string().optional(),
  callerUserArn: z.string().optional(),
});

/**
 * A branch created or updated in CodeCommit as a trigger; deletions, tags and pull-request events
 * ask for no reconcile. The repository is the clone URL built from region and name, which is what a
 * target's source names. The envelope time orders pushes (second resolution, from the service).
 */
export function normalizeCodeCommitStateChange(
  detail: z.infer<typeof codeCommitStateChangeSchema>,
  envelope: { id: string; time: string; region: string },
): GitPushTrigger | undefined {
  if (detail.event !== 'referenceCreated' && detail.event !== 'referenceUpdated') return undefined;
  if (detail.referenceType !== 'branch' || !detail.referenceName || !detail.commitId) return undefined;
  return {
    type: 'git-push',
    provider: 'codecommit',
    repository: `https://git-codecommit.${envelope.region}.amazonaws.com/v1/repos/${detail.repositoryName}`,
    branch: detail.referenceName,
    revision: detail.commitId,
    order: Date.parse(envelope.time),
    deliveryId: envelope.id,
    ...(detail.oldCommitId ? { before: detail.oldCommitId } : {}),
    ...(detail.callerUserArn ? { pusher: detail.callerUserArn } : {}),
  };
}
