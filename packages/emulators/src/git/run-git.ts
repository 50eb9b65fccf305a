import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** Fixed identity and no user config, so commits are reproducible and independent of the machine. */
const gitEnv = {
  GIT_AUTHOR_NAME: 'meshcd',
  GIT_AUTHOR_EMAIL: 'meshcd@example.com',
  GIT_COMMITTER_NAME: 'meshcd',
  GIT_COMMITTER_EMAIL: 'meshcd@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
};

/** Runs the real git CLI and returns its trimmed stdout. */
export async function runGit(args: string[], cwd?: string): Promise<string> {
  const { stdout } = await exec('git', args, {
    cwd,
    env: { ...process.env, ...gitEnv },
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout.trim();
}
