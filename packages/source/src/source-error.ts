import { MeshcdError } from '@meshcd/core';

/** Why a manifest tree could not be fetched. */
export type SourceErrorReason =
  | 'auth-failed'
  | 'not-found'
  | 'invalid-path'
  | 'too-many-files'
  | 'too-large'
  | 'unreachable';

/** Only network faults and server errors can heal by themselves; the rest need someone to act. */
const retryableReasons: ReadonlySet<SourceErrorReason> = new Set(['unreachable']);

export function sourceError(reason: SourceErrorReason, message: string, cause?: unknown): MeshcdError {
  return new MeshcdError({
    phase: 'source',
    reason,
    message,
    retryable: retryableReasons.has(reason),
    cause,
  });
}

/** Classifies an isomorphic-git or network failure, naming the repository (never its credentials). */
export function classifyGitError(error: unknown, url: string, ref: string): MeshcdError {
  if (error instanceof MeshcdError) return error;
  const err = error as { code?: string; message?: string; data?: { statusCode?: number } };
  const status = err.data?.statusCode;
  const where = `${redact(url)} at '${ref}'`;
  const detail = err.message ?? String(error);
  if (status === 401 || status === 403) {
    return sourceError(
      'auth-failed',
      `git fetch of ${where} was refused (HTTP ${status}): check the credentials`,
      error,
    );
  }
  if (status === 404)
    return sourceError('not-found', `repository ${redact(url)} not found (HTTP 404)`, error);
  if (status !== undefined && status >= 500) {
    return sourceError('unreachable', `git server error fetching ${where} (HTTP ${status})`, error);
  }
  // A tree entry named `.git`, `..` or similar: the repository's content is hostile or broken, and
  // fetching it again yields the same tree.
  if (err.code === 'UnsafeFilepathError') {
    return sourceError('invalid-path', `${where} holds an unsafe path: ${detail}`, error);
  }
  if (err.code === 'NotFoundError')
    return sourceError('not-found', `git fetch of ${where}: ${detail}`, error);
  if (err.code === 'UserCanceledError') {
    return sourceError(
      'auth-failed',
      `git fetch of ${where} needs credentials that were refused or missing`,
      error,
    );
  }
  return sourceError('unreachable', `git fetch of ${where} failed: ${detail}`, error);
}

/** Drops user info from a URL so credentials never reach logs or events. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}
