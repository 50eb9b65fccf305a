import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MeshcdError } from '@meshcd/core';

/** Who holds a state directory: enough for a person to find the process, or to see that it is gone. */
export interface LockHolder {
  pid: number;
  host: string;
  command: string;
  since: string;
}

export const lockFileName = 'meshcd.lock';

/**
 * Takes the state directory for one writer: creates `<dir>/meshcd.lock` exclusively (O_EXCL) holding the
 * holder's pid, host and command, or waits up to `timeoutMs` for it, then fails naming the holder. A lock
 * whose process is gone on this host is taken over, so a killed apply does not lock the world for good.
 * A hand-written lock rather than proper-lockfile: the directory is local to this machine, so the pid
 * answers "is the holder alive" exactly (no mtime heartbeat needed), and the holder must be readable anyway.
 * Returns the release.
 */
export async function lockStateDir(
  dir: string,
  command: string,
  options: { timeoutMs?: number; pollMs?: number } = {},
): Promise<() => Promise<void>> {
  const path = join(dir, lockFileName);
  const me: LockHolder = { pid: process.pid, host: hostname(), command, since: new Date().toISOString() };
  const deadline = Date.now() + (options.timeoutMs ?? 0);
  for (;;) {
    try {
      await writeFile(path, JSON.stringify(me), { flag: 'wx' });
      return async () => {
        const holder = await readHolder(path);
        if (holder?.pid === me.pid && holder.host === me.host) await unlink(path).catch(() => {});
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readHolder(path);
    if (holder && holder.host === me.host && !isAlive(holder.pid)) {
      await takeOver(path, holder);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new MeshcdError({
        phase: 'observe',
        reason: 'state-locked',
        retryable: true,
        message: `the local world in ${dir} is in use by ${describe(holder)}; wait for it to finish, or pass --lock-timeout <duration> to wait for it`,
      });
    }
    await sleep(Math.min(options.pollMs ?? 200, Math.max(1, deadline - Date.now())));
  }
}

const describe = (h: LockHolder | undefined) =>
  h ? `\`${h.command}\` (pid ${h.pid} on ${h.host}, since ${h.since})` : 'another meshcd process';

async function readHolder(path: string): Promise<LockHolder | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LockHolder;
  } catch {
    // Gone, or being written this instant: the next attempt decides.
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Moves a dead holder's lock aside; if someone else took it over first, the moved file is theirs: put it back. */
async function takeOver(path: string, dead: LockHolder): Promise<void> {
  const aside = `${path}.${process.pid}.stale`;
  try {
    await rename(path, aside);
  } catch {
    return;
  }
  const moved = await readHolder(aside);
  if (moved && (moved.pid !== dead.pid || moved.host !== dead.host))
    await rename(aside, path).catch(() => {});
  else await unlink(aside).catch(() => {});
}

/** `500ms`, `30s`, `2m`, or a number of seconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) throw new Error(`--lock-timeout: "${text}" is not a duration such as 500ms, 30s or 2m`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(match[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Number(match[1]) * unit;
}
