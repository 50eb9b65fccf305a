import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.ts';
import { isTransient, withRetry } from './with-retry.ts';

describe('the token bucket', () => {
  it('lets a burst through at once, then spreads the rest at the rate', async () => {
    let now = 0;
    const slept: number[] = [];
    const bucket = new TokenBucket(
      10,
      2,
      () => now,
      async (ms) => {
        slept.push(ms);
        now += ms;
      },
    );
    for (let i = 0; i < 4; i++) await bucket.take();
    // Two tokens from the burst, then one every 100 ms at 10 per second.
    expect(slept.map(Math.round)).toEqual([100, 100]);
    expect(Math.round(now)).toBe(200);
  });
});

describe('withRetry', () => {
  const options = { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 40, random: () => 1, sleep: async () => {} };

  it('retries throttling until it works, with exponential backoff', async () => {
    let calls = 0;
    const delays: number[] = [];
    const result = await withRetry(
      async () => {
        if (++calls < 3) throw Object.assign(new Error('slow down'), { name: 'ThrottlingException' });
        return 'ok';
      },
      { ...options, onRetry: (_e, _a, ms) => delays.push(ms) },
    );
    expect(result).toBe('ok');
    expect(delays).toEqual([10, 20]);
  });

  it('gives up on what a retry cannot help, at once', async () => {
    let calls = 0;
    const denied = Object.assign(new Error('no'), { name: 'AccessDeniedException' });
    await expect(
      withRetry(async () => {
        calls++;
        throw denied;
      }, options),
    ).rejects.toBe(denied);
    expect(calls).toBe(1);
    expect(isTransient(denied)).toBe(false);
    expect(isTransient({ $metadata: { httpStatusCode: 503 } })).toBe(true);
    expect(isTransient({ code: 'ECONNRESET' })).toBe(true);
  });
});
