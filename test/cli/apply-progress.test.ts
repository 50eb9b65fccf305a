import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../engine/run-cli.ts';
import { shopManifest } from '../lattice/shop-manifest.ts';

let base: string;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'meshcd-apply-progress-'));
});
afterAll(() => rm(base, { recursive: true, force: true }));

/** A manifest directory and a local world of its own, for one provider. */
async function world(provider: 'appmesh' | 'lattice') {
  const dir = join(base, provider, 'manifests');
  const state = join(base, provider, 'state');
  await mkdir(dir, { recursive: true });
  const write = (blue: number) => writeFile(join(dir, 'shop.yaml'), shopManifest(blue));
  const cli = (command: 'plan' | 'apply', ...args: string[]) =>
    runCli(
      command,
      dir,
      '--local',
      '--state',
      state,
      '--provider',
      provider,
      ...(command === 'apply' ? ['--yes'] : []),
      ...args,
    );
  return { write, cli };
}

/** The progress lines apply printed: `[done/total] action Kind name mark`. */
const progress = (stderr: string) =>
  stderr
    .split('\n')
    .filter((l) => l.startsWith('['))
    .map((l) => {
      const m = /^\[(\d+)\/(\d+)\] (\w+) (\w+) (\S+) (\S+)$/.exec(l);
      if (!m) throw new Error(`not a progress line: ${l}`);
      return { done: Number(m[1]), total: Number(m[2]), change: `${m[3]} ${m[4]} ${m[5]}`, mark: m[6] };
    });

/** What the plan says apply will write, as progress lines name it. */
async function plannedWrites(cli: Awaited<ReturnType<typeof world>>['cli']) {
  const plan = await cli('plan', '--output', 'json');
  expect(plan.code).toBe(2);
  const changes = JSON.parse(plan.stdout).changes as Array<{ action: string; kind: string; name: string }>;
  return changes.filter((c) => c.action !== 'unchanged').map((c) => `${c.action} ${c.kind} ${c.name}`);
}

/**
 * `apply` in text prints one line per write as it ends, on stderr (stdout stays the report), counting up to
 * the number of writes: for a Lattice target in Lattice's kinds, as for App Mesh in App Mesh's.
 */
describe.each([
  ['appmesh', ['Mesh', 'VirtualNode', 'VirtualRouter', 'Route', 'VirtualService'], 'update Route api-route'],
  ['lattice', ['ServiceNetwork', 'Service', 'Listener', 'Rule', 'TargetGroup'], 'update Rule api-route'],
] as const)('apply progress on %s', (provider, kinds, weightChange) => {
  it('prints one line per planned write, in that provider’s terms, counting to the total', async () => {
    const { write, cli } = await world(provider);
    await write(90);
    const planned = await plannedWrites(cli);
    const apply = await cli('apply');
    expect(apply.code).toBe(0);
    const lines = progress(apply.stderr);
    expect(lines.map((l) => l.change).sort()).toEqual([...planned].sort());
    expect(lines.map((l) => l.done)).toEqual(planned.map((_, i) => i + 1));
    expect(new Set(lines.map((l) => l.total))).toEqual(new Set([planned.length]));
    expect(new Set(lines.map((l) => l.mark))).toEqual(new Set(['ok']));
    const written = new Set(lines.map((l) => l.change.split(' ')[1]));
    for (const kind of kinds) expect(written).toContain(kind);
    expect(apply.stdout).not.toMatch(/^\[\d+\/\d+\]/m);

    // A weight change is one write, and JSON output keeps stderr free of progress.
    await write(50);
    const json = await cli('apply', '--output', 'json');
    expect(json.code).toBe(0);
    expect(json.stderr).toBe('');
    await write(60);
    const again = await cli('apply');
    expect(again.code).toBe(0);
    expect(progress(again.stderr)).toEqual([{ done: 1, total: 1, change: weightChange, mark: 'ok' }]);
  }, 180_000);
});
