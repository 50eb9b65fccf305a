import type { Target } from '@meshcd/core';
import type { GitPushTrigger } from '@meshcd/events';

/**
 * The configured targets a push concerns: same repository, same branch. Targets come from deploy-time
 * configuration only, so a push to an unknown repository or branch reconciles nothing.
 * Repositories compare as `host/path` without scheme, credentials, `.git` or trailing slash, case-
 * insensitively; a CodeCommit event names only the repository, which matches a target's CodeCommit
 * clone URL ending in `/repos/<name>`.
 */
export function targetsForPush(targets: readonly Target[], push: GitPushTrigger): Target[] {
  return targets.filter((t) => t.source.branch === push.branch && sameRepository(t.source.repository, push));
}

function sameRepository(configured: string, push: GitPushTrigger): boolean {
  if (push.provider === 'codecommit' && !push.repository.includes('/')) {
    return new RegExp(`/repos/${escapeRegExp(push.repository)}/?$`, 'i').test(
      configured.replace(/\.git$/, ''),
    );
  }
  return repositoryKey(configured) === repositoryKey(push.repository);
}

/**
 * Why a push concerns no target, in words for the sender's delivery log: its repository is tracked by
 * no target, or only other branches of it are. Undefined when some target tracks it.
 */
export function untrackedReason(targets: readonly Target[], push: GitPushTrigger): string | undefined {
  if (targetsForPush(targets, push).length > 0) return undefined;
  const sameRepo = targets.filter((t) => sameRepository(t.source.repository, push));
  if (sameRepo.length === 0) return `repository ${push.repository} is tracked by no target`;
  const branches = [...new Set(sameRepo.map((t) => t.source.branch))].sort();
  return `branch ${push.branch} of ${push.repository} is tracked by no target (tracked: ${branches.join(', ')})`;
}

export function repositoryKey(url: string): string {
  return url
    .trim()
    .replace(/^[a-z+]+:\/\//i, '')
    .replace(/^[^@/]*@/, '')
    .replace(/^([^/:]+):(?!\d)/, '$1/')
    .replace(/\/+$/, '')
    .replace(/\.git$/i, '')
    .toLowerCase();
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
