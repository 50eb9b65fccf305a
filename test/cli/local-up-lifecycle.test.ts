import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { localPortNames } from '../../packages/cli/src/local/local-ports.ts';
import { accepts } from './accepts.ts';
import { processesUsing } from './processes-using.ts';
import { startLocalUp } from './start-local-up.ts';

/** Every server local up starts that is reached by URL, in --port-base order. */
const servers = localPortNames;

const portOf = (url: string) => Number(new URL(url).port);

const isFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });

/** A base with every port of the range free right now, away from the ephemeral range. */
async function freeBase(): Promise<number> {
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 10_000);
    const free = await Promise.all(servers.map((_, i) => isFree(base + i)));
    if (free.every(Boolean)) return base;
  }
}

/** Every process below `pid`, from /proc: Linux only, as the test machines are. */
async function descendants(pid: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // The command name is in parentheses and may hold spaces: the parent pid is the 2nd field after it.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid) parents.set(Number(entry), ppid);
  }
  const below = (p: number): number[] =>
    [...parents].filter(([, parent]) => parent === p).flatMap(([child]) => [child, ...below(child)]);
  return below(pid);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('meshcd local up: stable ports, and a signal stops everything it started', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('serves on --port-base, keeps its ports on restart, and on SIGTERM or SIGINT closes every port and child, exiting 0', async () => {
    const base = await freeBase();
    const first = await startLocalUp(cleanups, { args: ['--port-base', String(base)] });
    const endpoints = JSON.parse(await first.nextLine()) as Record<string, string>;
    expect(servers.map((name) => portOf(endpoints[name]!))).toEqual(servers.map((_, i) => base + i));
    for (const name of servers) expect(await accepts(portOf(endpoints[name]!))).toBe(true);

    // A git client at work: the server runs git http-backend below the command.
    await promisify(execFile)('git', ['ls-remote', endpoints.repository!]);
    const below = await descendants(first.child.pid!);

    const stopped = new Promise<[number | null, string | null]>((resolve) =>
      first.child.once('exit', (code, signal) => resolve([code, signal])),
    );
    first.child.kill('SIGTERM');
    expect(await stopped).toEqual([0, null]);
    for (const name of servers)
      expect([name, await accepts(portOf(endpoints[name]!))]).toEqual([name, false]);
    expect(below.filter(alive)).toEqual([]);
    expect(await processesUsing(first.state)).toEqual([]);

    // Restarted on the same state without the option: the same URLs, so remotes and webhooks still work.
    const second = await startLocalUp(cleanups, { state: first.state });
    const again = JSON.parse(await second.nextLine()) as Record<string, string>;
    expect(again).toEqual(endpoints);
    const exited = new Promise<number | null>((resolve) => second.child.once('exit', resolve));
    second.child.kill('SIGINT');
    expect(await exited).toBe(0);
    for (const name of servers) expect([name, await accepts(portOf(again[name]!))]).toEqual([name, false]);
  }, 120_000);

  it('refuses a --port-base whose range is taken, naming the port, and starts nothing', async () => {
    const base = await freeBase();
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(base + 2, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => squatter.close(() => resolve())));
    const up = await startLocalUp(cleanups, { args: ['--port-base', String(base)] });
    let stderr = '';
    up.child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => up.child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain(`--port-base ${base}: port ${base + 2} (appmesh) is in use`);
    expect(await accepts(base)).toBe(false);
  }, 60_000);
});
