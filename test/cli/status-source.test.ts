import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TargetRegistry } from '@meshcd/state';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openLocalWorld } from '../../packages/cli/src/world/open-local-world.ts';
import { runCli } from '../engine/run-cli.ts';

const MESH = `apiVersion: appmesh.k8s.aws/v1beta2
kind: Mesh
metadata: { name: shop }
spec: { namespaceSelector: { matchLabels: { mesh: shop } } }
`;

let base: string;
beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'meshcd-status-source-'));
  await writeFile(join(base, 'mesh.yaml'), MESH);
});
afterEach(() => rm(base, { recursive: true, force: true }));

const statusSource = async (state: string) => {
  const status = await runCli('status', '--local', '--state', state, '--output', 'json');
  return JSON.parse(status.stdout).targets[0].source;
};

it('names the real source in status --local: the directory applied, or the repository local up registered', async () => {
  const state = join(base, 'state');
  expect((await runCli('apply', base, '--local', '--state', state)).code).toBe(0);
  expect(await statusSource(state)).toMatchObject({ repository: pathToFileURL(base).href, path: '.' });

  // local up registers its git server's repository as the target's source; that wins over any directory.
  const repository = 'http://127.0.0.1:9/manifests.git';
  const world = await openLocalWorld(state, { write: true });
  // The local world's store is the same DynamoDB store local up writes its target record to.
  await (world.state as unknown as TargetRegistry).putTarget({
    ...world.target,
    source: { repository, branch: 'main', path: '.' },
  });
  await world.close();
  expect((await runCli('apply', base, '--local', '--state', state)).code).toBe(0);
  expect(await statusSource(state)).toEqual({ repository, branch: 'main', path: '.' });
}, 180_000);
