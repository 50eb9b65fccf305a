import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { corpusDir } from '../corpus/corpus.ts';
import { deliver, gitHubPush } from '../e2e/github-webhook.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'node_modules', '.bin');
const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };

/** `meshcd local up` as a user runs it, fed the way GitHub feeds a deployed receiver. */
describe('meshcd local up receiving GitHub webhooks', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('converges from a form-encoded signed push delivery, GitHub’s default content type', async () => {
    const state = await mkdtemp(join(tmpdir(), 'meshcd-up-'));
    cleanups.push(() => rm(state, { recursive: true, force: true }));
    const child: ChildProcess = spawn(join(bin, 'meshcd'), ['local', 'up', '--state', state], {
      cwd: root,
      env,
    });
    cleanups.push(async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    const firstLine = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
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
