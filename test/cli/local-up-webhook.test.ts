import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { corpusDir } from '../corpus/corpus.ts';
import { deliver, gitHubPush } from '../e2e/github-webhook.ts';
import { startLocalUp } from './start-local-up.ts';

/** `meshcd local up` as a user runs it, fed the way GitHub feeds a deployed receiver. */
describe('meshcd local up receiving GitHub webhooks', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('converges from a form-encoded signed push delivery, GitHub’s default content type', async () => {
    const { state, nextLine } = await startLocalUp(cleanups);
    const firstLine = await nextLine();
    const endpoints = JSON.parse(firstLine) as Record<string, string>;

    const clone = join(state, 'clone');
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=meshcd', '-c', 'user.email=meshcd@example.com', ...args], {
        cwd: clone,
        stdio: 'pipe',
      })
        .toString()
        .trim();
    execFileSync('git', ['clone', '--quiet', endpoints.repository!, clone], { stdio: 'pipe' });
    const manifest = readFileSync(join(corpusDir, 'howto-k8s-http-headers/v1beta2-manifest.yaml'), 'utf8');
    await writeFile(join(clone, 'mesh.yaml'), manifest);
    git('add', 'mesh.yaml');
    git('commit', '--quiet', '-m', 'Add the http-headers mesh');
    git('push', '--quiet', 'origin', 'HEAD:main');
    const revision = git('rev-parse', 'HEAD');

    const secret = (await readFile(endpoints.webhookSecretFile!, 'utf8')).trim();
    const body = gitHubPush({ cloneUrl: endpoints.repository!, revision });
    const response = await deliver(endpoints.webhook!, body, secret, undefined, 'form');
    expect(response.status).toBe(202);

    // The reconcile runs behind the bus: wait for the mesh to appear in App Mesh.
    let meshNames: string[] = [];
    for (let i = 0; i < 240 && !meshNames.includes('howto-k8s-http-headers'); i++) {
      await new Promise((r) => setTimeout(r, 250));
      const listed = (await (await fetch(`${endpoints.appmesh}/v20190125/meshes`)).json()) as {
        meshes: Array<{ meshName: string }>;
      };
      meshNames = listed.meshes.map((m) => m.meshName);
    }
    expect(meshNames).toContain('howto-k8s-http-headers');
  }, 120_000);
});
