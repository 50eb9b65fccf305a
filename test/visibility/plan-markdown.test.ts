import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir, hasShared } from '../corpus/corpus.ts';
import { runCli } from '../engine/run-cli.ts';

describe.runIf(hasShared())('meshcd plan --output markdown', () => {
  const root = mkdtempSync(join(tmpdir(), 'meshcd-plan-md-'));
  const state = join(root, 'state');
  const tree = join(root, 'tree');
  const original = readFileSync(join(corpusDir, 'howto-k8s-http-headers/v1beta2-manifest.yaml'), 'utf8');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  beforeAll(async () => {
    mkdirSync(tree, { recursive: true });
    writeFileSync(join(tree, 'mesh.yaml'), original);
    expect((await runCli('apply', tree, '--local', '--state', state)).code).toBe(0);
  }, 120_000);

  it('renders a weight change as a table row per changed field, with its source line', async () => {
    writeFileSync(join(tree, 'mesh.yaml'), original.replace(/weight: 1\b/g, 'weight: 5'));
    const run = await runCli('plan', tree, '--local', '--state', state, '--output', 'markdown');
    expect(run.code).toBe(2);
    const md = run.stdout;
    expect(md.split('\n')[0]).toBe('<!-- meshcd-plan -->');
    expect(md).toContain('📝 **Changes pending.**');
    expect(md).toMatch(/\*\*App Mesh:\*\* 0 to create, \d+ to update, 0 to delete, \d+ unchanged\./);
    expect(md).toContain('| Action | Resource | Field | Current | Planned | Source |');
    // A route's weighted target, named by its node: its own row, the old and new weight as code, the file:line.
    const row = md.split('\n').find((l) => l.startsWith('| 🟡 update | Route **color-route-blue**'));
    expect(row).toMatch(
      /^\| 🟡 update \| Route \*\*color-route-blue\*\* of router color_howto-k8s-http-headers \(mesh howto-k8s-http-headers\)<br>_spec-changed_ \| ~ `httpRoute\.action\.weightedTargets\[virtualNode=blue_howto-k8s-http-headers\]\.weight` \| `1` \| `5` \| `mesh\.yaml:\d+:7` \|$/,
    );
    // Every row has the same number of cells as the header: nothing in a value broke the table.
    for (const line of md.split('\n').filter((l) => l.startsWith('| '))) {
      expect(line.replace(/\\\|/g, '').split('|')).toHaveLength(8);
    }
  });

  it('renders the cluster side beside App Mesh: a Deployment change as a field row, a skipped kind as a warning', async () => {
    const widget =
      '---\napiVersion: example.com/v1\nkind: Widget\nmetadata: { name: knob, namespace: howto-k8s-http-headers }\n';
    writeFileSync(join(tree, 'mesh.yaml'), `${original.replace(/replicas: 1\b/, 'replicas: 3')}${widget}`);
    const run = await runCli('plan', tree, '--local', '--state', state, '--output', 'markdown');
    expect(run.code).toBe(2);
    const md = run.stdout;
    expect(md).toMatch(/\*\*Cluster:\*\* 0 to create, 1 to update, 0 to delete, \d+ unchanged, 1 skipped\./);
    expect(md).toMatch(
      /\n\| 🟡 update \| Deployment \*\*howto-k8s-http-headers\/\w+\*\*<br>_[\w-]+_ \| ~ `spec\.replicas` \| `1` \| `3` \| `mesh\.yaml:\d+:\d+` \|\n/,
    );
    expect(md).toContain('#### Cluster notes');
    expect(md).toMatch(
      /- \*\*warning\*\* mesh\.yaml:\d+:\d+ Widget knob: the cluster does not serve apiVersion example\.com\/v1 kind Widget, so it is skipped/,
    );
  });

  it('lists each manifest error with file:line:column, object and field, and exits 1', async () => {
    writeFileSync(join(tree, 'mesh.yaml'), original.replace(/weight: 1\b/, 'weight: -3'));
    const run = await runCli('plan', tree, '--local', '--state', state, '--output', 'markdown');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('⛔ **Refused: nothing would be applied.**');
    expect(run.stdout).toContain('| Where | Object | Field | Message |');
    expect(run.stdout).toMatch(
      /\| `mesh\.yaml:\d+:\d+` \| VirtualRouter\/howto-k8s-http-headers\/color \| `spec\.routes\[0\]\.httpRoute\.action\.weightedTargets\[0\]\.weight` \| must be at least 0, not -3 \(invalid-value\) \|/,
    );
  });
});
