import * as z from 'zod';

const zeroSha = /^0+$/;

/**
 * A full commit object name: SHA-1 (40 hex) or SHA-256 (64 hex). A push that names anything else (a
 * branch name, an abbreviation, `HEAD~1`) is refused: the reconciler would fetch whatever it resolves to.
 */
export const commitSha = z
  .string()
  .regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/, 'a full commit SHA (40 or 64 hex digits)');

/** Branch name of a `refs/heads/…` ref; undefined for tags and other refs meshcd does not follow. */
export function branchOf(ref: string): string | undefined {
  return ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
}

/** A branch deletion pushes the all-zero SHA as the new revision. */
export const isDeletedRevision = (sha: string | null | undefined): boolean =>
  sha === null || sha === undefined || zeroSha.test(sha);

/** Every path the listed commits added, modified or removed, sorted and unique. */
export function changedPathsOf(
  commits: Array<{ added?: string[]; modified?: string[]; removed?: string[] }>,
): string[] {
  const paths = new Set<string>();
  for (const commit of commits) {
    for (const path of [...(commit.added ?? []), ...(commit.modified ?? []), ...(commit.removed ?? [])]) {
      paths.add(path);
    }
  }
  return [...paths].sort();
}
