import { type EksToken, type EksTokenRequest, eksToken } from './eks-token.ts';

export interface EksTokenCacheOptions {
  /** How long a token is reused: well inside its 14-minute life, so a request never carries a stale one. */
  reuseForMs?: number;
  now?: () => Date;
  /** The token source; eksToken unless a test substitutes it. */
  issue?: (request: EksTokenRequest) => Promise<EksToken>;
}

export type EksTokenCacheRequest = Omit<EksTokenRequest, 'now'>;

export interface EksTokenCache {
  /** The cached token, or a fresh one once the cached one is due for renewal. */
  get(request: EksTokenCacheRequest): Promise<EksToken>;
  /**
   * A fresh token whatever the cache holds: the cluster refused the cached one (clock skew, a revoked
   * session). Concurrent renewals of one cluster share one signing.
   */
  renew(request: EksTokenCacheRequest): Promise<EksToken>;
}

/**
 * Tokens per cluster and region, kept for the life of a warm Lambda container and asked for on every
 * request. Concurrent callers share one signing; a token is renewed once it is older than `reuseForMs`
 * (10 minutes by default), well before the cluster stops accepting it.
 */
export function createEksTokenCache({
  reuseForMs = 10 * 60_000,
  now = () => new Date(),
  issue = eksToken,
}: EksTokenCacheOptions = {}): EksTokenCache {
  const entries = new Map<string, { issuedAt: number; token: Promise<EksToken> }>();
  const renewing = new Map<string, Promise<EksToken>>();
  const keyOf = (request: EksTokenCacheRequest) => `${request.region}/${request.clusterName}`;
  const sign = (request: EksTokenCacheRequest) => {
    const key = keyOf(request);
    const token = issue({ ...request, now });
    entries.set(key, { issuedAt: now().getTime(), token });
    // A failed signing must not be served from the cache to later callers.
    token.catch(() => {
      if (entries.get(key)?.token === token) entries.delete(key);
    });
    return token;
  };
  return {
    get(request) {
      const cached = entries.get(keyOf(request));
      if (cached && now().getTime() - cached.issuedAt < reuseForMs) return cached.token;
      return sign(request);
    },
    renew(request) {
      const key = keyOf(request);
      const pending = renewing.get(key);
      if (pending) return pending;
      const token = sign(request);
      renewing.set(key, token);
      const settled = () => renewing.delete(key);
      token.then(settled, settled);
      return token;
    },
  };
}
