import { describe, expect, it } from 'vitest';
import type { EksToken, EksTokenRequest } from './eks-token.ts';
import { createEksTokenCache } from './eks-token-cache.ts';

function fakeIssuer() {
  const issued: EksTokenRequest[] = [];
  const issue = async (request: EksTokenRequest): Promise<EksToken> => {
    issued.push(request);
    const at = request.now!();
    return { token: `token-${issued.length}`, expiresAt: new Date(at.getTime() + 14 * 60_000) };
  };
  return { issued, issue };
}

const clock = (start: number) => {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
};

describe('createEksTokenCache', () => {
  const request = { clusterName: 'prod', region: 'eu-west-1' };

  it('reuses a token while it is younger than ten minutes', async () => {
    const { issued, issue } = fakeIssuer();
    const time = clock(1_000_000);
    const cache = createEksTokenCache({ issue, now: time.now });
    const first = await cache.get(request);
    time.advance(9 * 60_000 + 59_000);
    expect((await cache.get(request)).token).toBe(first.token);
    expect(issued).toHaveLength(1);
  });

  it('signs a fresh token once the cached one is ten minutes old', async () => {
    const { issued, issue } = fakeIssuer();
    const time = clock(1_000_000);
    const cache = createEksTokenCache({ issue, now: time.now });
    await cache.get(request);
    time.advance(10 * 60_000);
    expect((await cache.get(request)).token).toBe('token-2');
    expect(issued).toHaveLength(2);
  });

  it('keeps separate tokens per cluster and region', async () => {
    const { issued, issue } = fakeIssuer();
    const cache = createEksTokenCache({ issue, now: clock(0).now });
    await cache.get(request);
    await cache.get({ ...request, clusterName: 'staging' });
    await cache.get({ ...request, region: 'us-east-1' });
    expect(issued.map((r) => `${r.region}/${r.clusterName}`)).toEqual([
      'eu-west-1/prod',
      'eu-west-1/staging',
      'us-east-1/prod',
    ]);
  });

  it('shares one signing between concurrent callers', async () => {
    const { issued, issue } = fakeIssuer();
    const cache = createEksTokenCache({ issue, now: clock(0).now });
    const tokens = await Promise.all([cache.get(request), cache.get(request), cache.get(request)]);
    expect(new Set(tokens.map((t) => t.token)).size).toBe(1);
    expect(issued).toHaveLength(1);
  });

  it('does not serve a failed signing to the next caller', async () => {
    let calls = 0;
    const issue = async (): Promise<EksToken> => {
      calls += 1;
      if (calls === 1) throw new Error('throttled');
      return { token: 'ok', expiresAt: new Date(0) };
    };
    const cache = createEksTokenCache({ issue, now: clock(0).now });
    await expect(cache.get(request)).rejects.toThrow('throttled');
    expect((await cache.get(request)).token).toBe('ok');
  });
});

describe('EksTokenCache.renew', () => {
  const request = { clusterName: 'prod', region: 'eu-west-1' };

  it('signs a new token at once and serves it to later requests', async () => {
    const { issued, issue } = fakeIssuer();
    const time = clock(1_000_000);
    const cache = createEksTokenCache({ issue, now: time.now });
    await cache.get(request);
    expect((await cache.renew(request)).token).toBe('token-2');
    expect((await cache.get(request)).token).toBe('token-2');
    expect(issued).toHaveLength(2);
  });

  it('shares one signing between concurrent renewals', async () => {
    const { issued, issue } = fakeIssuer();
    const cache = createEksTokenCache({ issue, now: clock(0).now });
    const tokens = await Promise.all([cache.renew(request), cache.renew(request), cache.renew(request)]);
    expect(new Set(tokens.map((t) => t.token))).toEqual(new Set(['token-1']));
    expect(issued).toHaveLength(1);
  });
});
