import { type EksToken, type EksTokenRequest, eksToken } from './eks-token.ts';

export interface EksTokenCacheOptions {
  /** How long a token is reused: well inside its 14-minute life, so a request never carries a stale one. */
  reuseForMs?: number;
  now?: () => Date;
  /** The token source; eksToken unless a test substitutes it. */
  issue?: (request: EksTokenRequest) => Promise<EksToken>;
}

export interface EksTokenCache {
  get(request: Omit<EksTokenRequest, 'now'>): Promise<EksToken>;
}

/**
 * Tokens per cluster and region, kept for the life of a warm Lambda container. Concurrent callers
 * share one signing; a token is refreshed once it is older than `reuseForMs` (10 minutes by default).
 */
export function createEksTokenCache({
  reuseForMs = 10 * 60_000,
  now = () => new Date(),
  issue = eksToken,
}: EksTokenCacheOptions = {}): EksTokenCache {
  const entries = new Map<string, { issuedAt: number; token: Promise<EksToken> }>();
  return {
    get(request) {
      const key = `${request.region}/${request.clusterName}`;
      const at = now().getTime();
      const cached = entries.get(key);
      if (cached && at - cached.issuedAt < reuseForMs) return cached.token;
      const token = issue({ ...request, now });
      entries.set(key, { issuedAt: at, token });
      // A failed signing must not be served from the cache to later callers.
      token.catch(() => {
        if (entries.get(key)?.token === token) entries.delete(key);
      });
      return token;
    },
  };
}
