import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { latticeClientFor, startLatticeEmulator } from '@meshcd/emulators';
import { beforeAll, describe, expect, it } from 'vitest';
import { ruleWeights } from '../../scripts/demo/lattice-view.ts';
import { accepts } from '../cli/accepts.ts';
import { processesUsing } from '../cli/processes-using.ts';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const work = join(root, '.meshcd', 'demo');
const latticeState = join(work, 'lattice');

/** The text between two markers of the demo's output (the first marker's line included). */
const between = (text: string, from: string, to: string) => {
  const start = text.indexOf(from);
  expect(start, `"${from}" in the demo's output`).toBeGreaterThanOrEqual(0);
  return text.slice(start, text.indexOf(to, start));
};

/**
 * Each listing the Lattice chapter prints (consecutive lines): target group → its pods, each beside the
 * target it is.
 */
function listings(chapter: string) {
  const result: Array<Map<string, Array<{ pod: string; ip: string; target: string; status: string }>>> = [];
  let listing: (typeof result)[number] | undefined;
  let group: string | undefined;
  for (const line of chapter.split('\n')) {
    const header = /^ {4}target group \S+ {2}← {2}VirtualNode\/[^/]+\/(\S+) /.exec(line);
    const pod = /^ {6}pod (\S+) +(\S+) +→ target (\S+):\d+ (\S+)$/.exec(line);
    if (header) {
      if (!listing) {
        listing = new Map();
        result.push(listing);
      }
      group = header[1]!;
      listing.set(group, []);
    } else if (pod && listing && group) {
      listing.get(group)!.push({ pod: pod[1]!, ip: pod[2]!, target: pod[3]!, status: pod[4]! });
    } else {
      listing = undefined;
    }
  }
  return result;
}

/** `npm run demo` as a new user runs it: what it shows must hold, not only be said. */
describe('the demo', () => {
  let stdout: string;
  beforeAll(async () => {
    // A step that does not converge makes the demo exit non-zero, which fails this.
    ({ stdout } = await run(join(root, 'node_modules', '.bin', 'tsx'), ['scripts/demo.ts'], {
      cwd: root,
      maxBuffer: 64 * 1024 * 1024,
    }));
  }, 600_000);

  it('keeps the forged commit off main, and writes the report while drift is visible and again after healing', async () => {
    const forged = between(stdout, 'A forged webhook', 'A push with an invalid manifest');
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
  });

  it('shows each VirtualNode’s ready pods as its Lattice targets, following a scale up, a scale down and a pod deletion', () => {
    const chapter = between(stdout, 'become its target group’s targets', 'git push shifts');
    const [registered, scaledUp, scaledDown, replaced, ...more] = listings(chapter);
    expect(more).toEqual([]);
    // First every group, then the one each change concerns.
    expect([registered, scaledUp, scaledDown, replaced].map((l) => [...l!.keys()].sort())).toEqual([
      ['blue', 'green', 'red', 'white'],
      ['blue'],
      ['blue'],
      ['green'],
    ]);
    for (const listing of [registered, scaledUp, scaledDown, replaced])
      for (const pods of listing!.values()) {
        expect(pods.length).toBeGreaterThan(0);
        for (const p of pods) expect([p.target, p.status]).toEqual([p.ip, 'HEALTHY']);
      }
    expect([registered, scaledUp, scaledDown].map((l) => l!.get('blue')!.length)).toEqual([1, 3, 1]);
    const green = [registered, replaced].map((l) => l!.get('green')!.map((p) => p.pod));
    expect(green.map((pods) => pods.length)).toEqual([1, 1]);
    expect(green[1]![0]).not.toBe(green[0]![0]);
  });

  it('pushes a weight change through the webhook, and the Lattice rule holds it after the demo', async () => {
    const push = between(stdout, 'git push shifts', 'Drift on VPC Lattice');
    expect(push).toContain('webhook answered 202');
    expect(push).toMatch(/reconcile succeeded: 0 create, 1 update, 0 delete, 12 unchanged/);
    expect(push).toMatch(/color-howto-k8s-http-headers-white-8080 +weight 3 \(75%\)/);
    expect(push).toMatch(/color-howto-k8s-http-headers-blue-8080 +weight 1 \(25%\)/);
    // Read again from what the Lattice emulator kept, with the SDK, after everything stopped.
    const lattice = await startLatticeEmulator({ stateDir: latticeState });
    const client = latticeClientFor(lattice);
    try {
      expect(await ruleWeights(client, 'color-route-white')).toEqual([
        { targetGroup: 'color-howto-k8s-http-headers-white-8080', weight: 3 },
        { targetGroup: 'color-howto-k8s-http-headers-blue-8080', weight: 1 },
      ]);
    } finally {
      client.destroy();
      await lattice.close();
    }
  });

  it('leaves no process or port of the Lattice system behind', async () => {
    expect(await processesUsing(latticeState)).toEqual([]);
    const ports = Object.values(
      JSON.parse(await readFile(join(latticeState, 'ports.json'), 'utf8')) as Record<string, number>,
    );
    expect(ports.length).toBeGreaterThan(5);
    expect(await Promise.all(ports.map(accepts))).toEqual(ports.map(() => false));
  });
});
