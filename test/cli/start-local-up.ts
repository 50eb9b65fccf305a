import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'node_modules', '.bin');
const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };

export interface LocalUpProcess {
  /** The fresh state directory the command runs on. */
  state: string;
  child: ChildProcess;
  /** The next line the command prints; rejects if it exits first. */
  nextLine(): Promise<string>;
}

/**
 * `meshcd local up` as a user runs it, from the installed bin, on a fresh state directory or the one given
 * (a restart), with further arguments. The process is killed and a fresh directory removed by the cleanups
 * the caller runs after each test.
 */
export async function startLocalUp(
  cleanups: Array<() => Promise<void>>,
  options: { state?: string; args?: string[] } = {},
): Promise<LocalUpProcess> {
  let state = options.state;
  if (state === undefined) {
    const fresh = await mkdtemp(join(tmpdir(), 'meshcd-up-'));
    cleanups.push(() => rm(fresh, { recursive: true, force: true }));
    state = fresh;
  }
  const args = ['local', 'up', '--state', state, ...(options.args ?? [])];
  const child = spawn(join(bin, 'meshcd'), args, { cwd: root, env });
  cleanups.push(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  const received: string[] = [];
  const waiting: Array<(line: string) => void> = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else received.push(line);
  });
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      const line = received.shift();
      if (line !== undefined) return resolve(line);
      waiting.push(resolve);
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
  return { state, child, nextLine };
}
