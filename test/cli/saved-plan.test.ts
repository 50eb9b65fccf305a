import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../engine/run-cli.ts';

const mesh = (
  name: string,
  egress: 'ALLOW_ALL' | 'DROP_ALL' = 'DROP_ALL',
) => `apiVersion: appmesh.k8s.aws/v1beta2
kind: Mesh
metadata:
  name: ${name}
spec:
  egressFilter:
    type: ${egress}
  namespaceSelector:
    matchLabels:
      mesh: ${name}
`;

describe('saved plans: meshcd plan --out and meshcd apply --plan', () => {
  const root = mkdtempSync(join(tmpdir(), 'meshcd-saved-plan-'));
  const state = join(root, 'state');
  const tree = join(root, 'tree');
  const local = ['--local', '--state', state];
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(tree, { recursive: true });

  it('applies exactly what was planned, even when the directory changed since', async () => {
    writeFileSync(join(tree, 'mesh.yaml'), mesh('shop'));
    const file = join(root, 'first.json');
    const planned = await runCli('plan', tree, ...local, '--out', file);
    expect(planned.code).toBe(2);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved).toMatchObject({ format: 'meshcd-plan/v1', target: 'local' });
    expect(saved.plan.changes).toEqual([
      expect.objectContaining({ action: 'create', key: 'appmesh:shop/Mesh/shop' }),
    ]);

    // Someone edits the tree after the review: the reviewed plan is what gets applied.
    writeFileSync(join(tree, 'mesh.yaml'), mesh('other'));
    const applied = await runCli('apply', ...local, '--plan', file, '--output', 'json');
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.stdout).changes).toEqual([
      expect.objectContaining({ action: 'create', key: 'appmesh:shop/Mesh/shop', outcome: 'done' }),
    ]);
    writeFileSync(join(tree, 'mesh.yaml'), mesh('shop'));
    expect((await runCli('plan', tree, ...local)).code).toBe(0);
  });

  it('refuses a saved plan once the world has changed, and writes nothing', async () => {
    writeFileSync(join(tree, 'mesh.yaml'), mesh('shop', 'ALLOW_ALL'));
    const file = join(root, 'second.json');
    expect((await runCli('plan', tree, ...local, '--out', file)).code).toBe(2);
    // Meanwhile another change to the same mesh is applied.
    const elsewhere = join(root, 'elsewhere');
    mkdirSync(elsewhere, { recursive: true });
    writeFileSync(
      join(elsewhere, 'mesh.yaml'),
      mesh('shop', 'DROP_ALL').replace(
        'DROP_ALL',
        'DROP_ALL\n  meshServiceDiscovery:\n    ipPreference: IPv4_ONLY',
      ),
    );
    expect((await runCli('apply', elsewhere, ...local)).code).toBe(0);

    const stale = await runCli('apply', ...local, '--plan', file);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('the world changed since the plan was made');
    // Nothing of the stale plan was applied: the tree still differs from the world.
    expect((await runCli('plan', elsewhere, ...local)).code).toBe(0);
  });

  it('says what is wrong with the arguments or the file', async () => {
    const both = await runCli('apply', tree, ...local, '--plan', join(root, 'first.json'));
    expect(both.stderr).toContain('either a manifest directory or --plan');
    expect((await runCli('apply', ...local)).stderr).toContain('apply needs a manifest directory or --plan');
    writeFileSync(join(root, 'junk.json'), '{"hello": 1}');
    const junk = await runCli('apply', ...local, '--plan', join(root, 'junk.json'), '--output', 'json');
    expect(junk.code).toBe(1);
    expect(JSON.parse(junk.stdout).error).toMatchObject({ reason: 'bad-plan' });
    const unwritable = await runCli('plan', tree, ...local, '--out', join(root, 'no', 'dir', 'p.json'));
    expect(unwritable.code).toBe(1);
    expect(unwritable.stderr).toContain('cannot write the plan');
  });
});
