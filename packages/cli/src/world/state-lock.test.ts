import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockFileName, lockStateDir, parseDuration } from './state-lock.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'meshcd-lock-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('lockStateDir', () => {
  it('lets one writer in and names it to the next, which fails at once without a timeout', async () => {
    const release = await lockStateDir(dir, 'meshcd apply --local');
    await expect(lockStateDir(dir, 'meshcd apply --local')).rejects.toMatchObject({
      reason: 'state-locked',
      message: expect.stringContaining(`\`meshcd apply --local\` (pid ${process.pid} on ${hostname()}`),
    });
    await release();
    const again = await lockStateDir(dir, 'second');
    expect(JSON.parse(await readFile(join(dir, lockFileName), 'utf8'))).toMatchObject({ command: 'second' });
    await again();
  });

  it('waits for the holder with a timeout, and gets the lock once it is released', async () => {
    const release = await lockStateDir(dir, 'first');
    let released = false;
    const waiting = lockStateDir(dir, 'second', { timeoutMs: 60_000, pollMs: 10 }).then((r) => {
      expect(released).toBe(true);
      return r;
    });
    await new Promise((r) => setTimeout(r, 50));
    released = true;
    await release();
    await (await waiting)();
  });

  it('takes over the lock of a process that is gone', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const stale = { pid: dead, host: hostname(), command: 'killed apply', since: new Date(0).toISOString() };
    await writeFile(join(dir, lockFileName), JSON.stringify(stale));
    const release = await lockStateDir(dir, 'after the crash');
    expect(JSON.parse(await readFile(join(dir, lockFileName), 'utf8'))).toMatchObject({ pid: process.pid });
    await release();
  });

  it('reads durations', () => {
    expect([parseDuration('500ms'), parseDuration('30s'), parseDuration('2m'), parseDuration('5')]).toEqual([
      500, 30_000, 120_000, 5_000,
    ]);
    expect(() => parseDuration('soon')).toThrow('not a duration');
  });
});
