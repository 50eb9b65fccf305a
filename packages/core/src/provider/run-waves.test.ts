import { describe, expect, it } from 'vitest';
import type { Change } from './change.ts';
import { runWaves } from './run-waves.ts';
import type { Writer } from './writer.ts';

interface TestChange extends Change {
  needs?: string[];
}

const change = (key: string, wave: number, needs?: string[]): TestChange => ({
  action: 'create',
  reason: 'not-found',
  key,
  wave,
  ...(needs ? { needs } : {}),
});

function writer(fail: string[] = []): Writer<TestChange> & { order: string[] } {
  const order: string[] = [];
  return {
    order,
    get writes() {
      return order.length;
    },
    async write(c) {
      order.push(c.key);
      if (fail.includes(c.key)) throw Object.assign(new Error(`${c.key} broke`), { reason: 'Broken' });
    },
  };
}

const needs = (c: TestChange, all: readonly TestChange[]) => all.filter((x) => c.needs?.includes(x.key));

describe('runWaves', () => {
  it('finishes every change of a wave before the next wave starts', async () => {
    const w = writer();
    const result = await runWaves([change('b', 2), change('a', 1), change('c', 1)], w, { concurrency: 1 });
    expect(w.order).toEqual(['a', 'c', 'b']);
    expect(result).toMatchObject({ complete: true, writes: 3 });
    expect(result.outcomes.every((o) => o.status === 'done')).toBe(true);
  });

  it('skips what needs a failed change, and what needs a skipped one, but nothing else', async () => {
    const w = writer(['a']);
    const result = await runWaves(
      [change('a', 1), change('b', 2, ['a']), change('c', 3, ['b']), change('d', 3)],
      w,
      { needs },
    );
    const status = Object.fromEntries(result.outcomes.map((o) => [o.key, o.status]));
    expect(status).toEqual({ a: 'failed', b: 'skipped', c: 'skipped', d: 'done' });
    expect(result.outcomes.find((o) => o.key === 'a')?.error).toEqual({
      reason: 'Broken',
      message: 'a broke',
      retryable: false,
    });
    expect(result.outcomes.find((o) => o.key === 'c')?.error?.message).toBe('create of b did not succeed');
  });

  it('stops at a wave boundary when the deadline nears and reports the rest not started', async () => {
    let left = 1000;
    const w = writer();
    const result = await runWaves([change('a', 1), change('b', 2), change('c', 3)], w, {
      remainingMs: () => left,
      reserveMs: 500,
      onOutcome: () => {
        left = 100;
      },
    });
    expect(result.complete).toBe(false);
    expect(w.order).toEqual(['a']);
    expect(result.outcomes.map((o) => [o.key, o.status])).toEqual([
      ['a', 'done'],
      ['b', 'not-started'],
      ['c', 'not-started'],
    ]);
  });
});
