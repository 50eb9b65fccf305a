import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DemoStepFailed } from './narrate.ts';

const root = join(import.meta.dirname, '..', '..');
// As the demo started: the local system in this process has since configured its functions through the
// environment, and a second system must configure its own from scratch.
const startEnv = { ...process.env };

export interface LocalUpProcess {
  endpoints: Record<string, string>;
  /** Stops it as Ctrl-C does and waits for it to close its servers; its exit code. */
  stop(): Promise<number>;
}

/**
 * `meshcd local up <args>` in a process of its own, as a user runs it in a second terminal: the deployed
 * functions read their configuration once per process, so a second local system needs its own. Its event
 * lines go to `onEvent`; it is stopped (never left behind) by `stop`, which callers run in `finally`.
 */
export async function startLocalUp(args: string[], onEvent: (line: string) => void): Promise<LocalUpProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join('packages', 'cli', 'src', 'run.ts'), 'local', 'up', ...args],
    { cwd: root, env: { ...startEnv, POWERTOOLS_LOG_LEVEL: 'ERROR' }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = once(child, 'exit').then(([code]) => (code as number | null) ?? 1);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  const lines = createInterface({ input: child.stdout! });
  const first = new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    exited.then((code) => reject(new DemoStepFailed(`meshcd local up exited with ${code} while starting`)));
  });
  try {
    const endpoints = JSON.parse(await first) as Record<string, string>;
    lines.on('line', onEvent);
    return { endpoints, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
