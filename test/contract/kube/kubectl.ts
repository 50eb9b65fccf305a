import { execFile, spawnSync } from 'node:child_process';

/** Whether kubectl is on PATH. The contract tests need it: its absence fails them, never skips them. */
export const kubectlInstalled = (): boolean =>
  spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs real kubectl against a kubeconfig, asynchronously: the emulator under test serves from this
 * same process, so a synchronous child would deadlock it. A private cache dir keeps discovery from
 * leaking between emulators that happen to reuse a port.
 */
export function kubectl(
  kubeconfig: string,
  cacheDir: string,
  args: string[],
  stdin?: string,
): Promise<KubectlResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'kubectl',
      ['--kubeconfig', kubeconfig, '--cache-dir', cacheDir, '--request-timeout', '90s', ...args],
      { env: { ...process.env, KUBECONFIG: kubeconfig }, timeout: 100_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(error);
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
    if (stdin !== undefined) child.stdin?.end(stdin);
  });
}
