import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Checks GitLab's `X-Gitlab-Token`, a plain shared secret (not an HMAC). Both sides are hashed first so
 * the constant-time comparison runs on equal-length buffers and leaks neither content nor length.
 */
export function verifyGitLabToken(tokenHeader: string | undefined, expected: string): boolean {
  if (tokenHeader === undefined || expected === '') return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(tokenHeader), digest(expected));
}
