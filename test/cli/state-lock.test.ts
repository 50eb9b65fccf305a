import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLocalWorld } from '../../packages/cli/src/world/open-local-world.ts';
import { lockStateDir } from '../../packages/cli/src/world/state-lock.ts';
import { runCli } from '../engine/run-cli.ts';

const MESH = `apiVersion: v1
kind: Namespace
metadata: { name: shop, labels: { mesh: shop } }
---
apiVersion: appmesh.k8s.aws/v1beta2
kind: Mesh
metadata: { name: shop }
spec: { namespaceSelector: { matchLabels: { mesh: shop } } }
`;

let base: string;
beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'meshcd-cli-lock-'));
  await writeFile(join(base, 'mesh.yaml'), MESH);
});
afterEach(() => rm(base, { recursive: true, force: true }));

describe('one writer at a time on a local state directory', () => {
  it('refuses a second apply while another holds the world, naming it, and waits with --lock-timeout', async () => {
    const state = join(base, 'state');
    await mkdir(state);
    const release = await lockStateDir(state, 'meshcd apply --local (the other one)');
    const refused = await runCli('apply', base, '--local', '--state', state, '--output', 'json');
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).error).toMatchObject({
      reason: 'state-locked',
      message: expect.stringContaining('`meshcd apply --local (the other one)` (pid'),
    });

    const waiting = runCli('apply', base, '--local', '--state', state, '--lock-timeout', '2m');
    await new Promise((r) => setTimeout(r, 200));
    await release();
    expect((await waiting).code).toBe(0);
    // And the lock is free again for the next command.
    expect((await runCli('plan', base, '--local', '--state', state)).code).toBe(0);
  }, 120_000);

  it('refuses to apply while local up’s reconciler holds the target’s lease, naming it, and frees it after', async () => {
    const state = join(base, 'state');
    const holder = 'local up reconcile of main@abc123';
    const withWorld = async <T>(use: (world: Awaited<ReturnType<typeof openLocalWorld>>) => Promise<T>) => {
      const world = await openLocalWorld(state, { write: true });
      try {
        return await use(world);
      } finally {
        await world.close();
      }
    };
    await withWorld((w) => w.state.acquireLease(w.target.id, holder, undefined, Date.now(), 10 * 60_000));
    const refused = await runCli('apply', base, '--local', '--state', state, '--output', 'json');
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).error).toMatchObject({
      reason: 'target-busy',
      message: expect.stringContaining(`is being reconciled by ${holder} until`),
    });

    await withWorld((w) => w.state.releaseLease(w.target.id, holder));
    expect((await runCli('apply', base, '--local', '--state', state)).code).toBe(0);
    // The apply let go of the lease: the next push (or apply) takes it at once.
    const lease = await withWorld((w) => w.state.getLease(w.target.id));
    expect(lease?.holder).toBeUndefined();
  }, 180_000);
});
