import type { AuthCallback } from 'isomorphic-git';

/** Credentials for a manifest repository: a user and password, or an access token. */
export type GitCredentials = { username: string; password: string } | { token: string; username?: string };

/**
 * Reads credentials from a secret's value: JSON `{"username","password"}` or `{"token"}`, or a bare
 * token string. Secrets Manager and SST secrets hand values over as strings.
 */
export function credentialsFromSecret(value: string): GitCredentials {
  const trimmed = value.trim();
  if (!trimmed.startsWith('{')) return { token: trimmed };
  const parsed = JSON.parse(trimmed) as Record<string, unknown>;
  if (typeof parsed.token === 'string') {
    return typeof parsed.username === 'string'
      ? { token: parsed.token, username: parsed.username }
      : { token: parsed.token };
  }
  if (typeof parsed.username === 'string' && typeof parsed.password === 'string') {
    return { username: parsed.username, password: parsed.password };
  }
  throw new Error('git credentials secret must hold {"username","password"}, {"token"} or a bare token');
}

/**
 * isomorphic-git's onAuth. A token goes as the password of `x-access-token`, which GitHub, GitLab
 * (any user name) and Bitbucket accept for HTTPS.
 */
export function authCallback(credentials: GitCredentials | undefined): AuthCallback | undefined {
  if (!credentials) return undefined;
  return () =>
    'token' in credentials
      ? { username: credentials.username ?? 'x-access-token', password: credentials.token }
      : { username: credentials.username, password: credentials.password };
}
