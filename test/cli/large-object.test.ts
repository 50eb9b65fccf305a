import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../engine/run-cli.ts';

let base: string;
beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'meshcd-large-'));
});
afterEach(() => rm(base, { recursive: true, force: true }));

describe('a cluster object near the 1 MiB Kubernetes limit', () => {
  it('applies, records and re-plans with no change through the local world (DynamoDB items stay under 400 KB)', async () => {
    const tree = join(base, 'tree');
    const state = join(base, 'state');
    await mkdir(tree);
    // Base64 of random bytes: gzip cannot bring it under one item, so the entry is split.
    const blob = randomBytes(700 * 1024).toString('base64');
    await writeFile(
      join(tree, 'config.yaml'),
      `apiVersion: v1\nkind: Namespace\nmetadata: { name: shop }\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: big, namespace: shop }\ndata:\n  blob: ${blob}\n`,
    );
    const applied = await runCli('apply', tree, '--local', '--state', state);
    expect(applied.code).toBe(0);
    const planned = await runCli('plan', tree, '--local', '--state', state, '--output', 'json');
    expect(planned.code).toBe(0);
  }, 180_000);
});
