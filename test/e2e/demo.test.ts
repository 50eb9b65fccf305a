import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const work = join(root, '.meshcd', 'demo');

/** `npm run demo` as a new user runs it: what it shows must hold, not only be said. */
describe('the demo', () => {
  it('keeps the forged commit off main, and writes the report while drift is visible and again after healing', async () => {
    const { stdout } = await run(join(root, 'node_modules', '.bin', 'tsx'), ['scripts/demo.ts'], {
      cwd: root,
      maxBuffer: 64 * 1024 * 1024,
    });
    const forged = stdout.slice(
      stdout.indexOf('A forged webhook'),
      stdout.indexOf('A push with an invalid manifest'),
    );
    expect(forged).toContain('webhook answered 401');
    expect(forged).toContain('Plan: 0 to create, 0 to update, 0 to delete');

    const git = (...args: string[]) =>
      run('git', ['--git-dir', join(work, 'state', 'git', 'mesh-config.git'), ...args]).then((r) => r.stdout);
    expect(await git('log', '--format=%s', 'main')).not.toContain('Forged change');
    expect(await git('log', '--format=%s', '-1', 'forged')).toContain('Forged change');

    const blue = 'data-key="appmesh:howto-k8s-http-headers/VirtualNode/blue_howto-k8s-http-headers"';
    const during = await readFile(join(work, 'report-drift.html'), 'utf8');
    expect(during).toContain(`<g class="node state-modified" ${blue}`);
    const after = await readFile(join(work, 'report.html'), 'utf8');
    expect(after).toContain(`<g class="node state-insync" ${blue}`);
    expect(after).not.toContain('state-modified');
  }, 600_000);
});
