import { readdir, readFile } from 'node:fs/promises';

/**
 * Processes whose command line or environment names the directory: what local up started for it. From
 * /proc: Linux only, as the test machines are.
 */
export async function processesUsing(dir: string): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    const text =
      (await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')) +
      (await readFile(`/proc/${entry}/environ`, 'utf8').catch(() => ''));
    if (text.includes(dir)) found.push(Number(entry));
  }
  return found;
}
