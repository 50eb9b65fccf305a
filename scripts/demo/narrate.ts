import { main } from '@meshcd/cli';

/** How the demo tells its story: numbered steps, indented lines, and the real `meshcd` commands. */
let n = 0;
export const step = (text: string) => process.stdout.write(`\n\x1b[1m[${++n}] ${text}\x1b[0m\n`);
export const say = (text: string) => process.stdout.write(`    ${text}\n`);
export const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A step that did not end as the story says: the demo stops and exits non-zero. */
export class DemoStepFailed extends Error {}

/** Runs `meshcd <args>` as a user would type it; an exit code other than `expected` fails the demo. */
export async function meshcd(expected: number, ...args: string[]): Promise<void> {
  say(`$ meshcd ${args.join(' ')}`);
  const code = await main(['node', 'meshcd', ...args]);
  say(`(exit ${code})`);
  if (code !== expected)
    throw new DemoStepFailed(`meshcd ${args[0]} exited ${code}; the demo expected ${expected}`);
}

/**
 * Polls `probe` until it returns a value (not undefined), every 100 ms for up to `timeoutMs`: what the
 * system does asynchronously (a reconcile, a pod event) must converge, or the demo fails naming it.
 */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new DemoStepFailed(`${what} did not happen within ${timeoutMs / 1000} s`);
    await settle(100);
  }
}
