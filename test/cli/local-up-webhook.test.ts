import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { localStatusRepository } from '@meshcd/cli';
import { afterEach, describe, expect, it } from 'vitest';
import { corpusDir } from '../corpus/corpus.ts';
import { deliver, gitHubPush } from '../e2e/github-webhook.ts';
import { runCli } from '../engine/run-cli.ts';
import { startLocalUp } from './start-local-up.ts';

interface EventLine {
  time: string;
  level: string;
  event: string;
  outcome: string;
  message: string;
  revision?: string;
}

/**
 * `meshcd local up` as a user runs it, fed the way GitHub feeds a deployed receiver: what each push
 * becomes in its event log, in `meshcd status` and on the local Git host API's commit statuses.
 */
describe('meshcd local up receiving GitHub webhooks', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('shows a valid push as succeeded and an invalid one as refused at its file:line:column, in its JSON event log, status and commit statuses', async () => {
    const { state, nextLine } = await startLocalUp(cleanups, { args: ['--log-format', 'json'] });
    const endpoints = JSON.parse(await nextLine()) as Record<string, string>;
    /** The next event line the command prints that `matches`, each line one JSON object. */
    const nextEvent = async (matches: (e: EventLine) => boolean): Promise<EventLine> => {
      for (;;) {
        const event = JSON.parse(await nextLine()) as EventLine;
        expect(Number.isNaN(Date.parse(event.time))).toBe(false);
        if (matches(event)) return event;
      }
    };

    const clone = join(state, 'clone');
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=meshcd', '-c', 'user.email=meshcd@example.com', ...args], {
        cwd: clone,
        stdio: 'pipe',
      })
        .toString()
        .trim();
    execFileSync('git', ['clone', '--quiet', endpoints.repository!, clone], { stdio: 'pipe' });
    const secret = (await readFile(endpoints.webhookSecretFile!, 'utf8')).trim();
    const push = async (content: string, message: string, branch = 'main') => {
      await writeFile(join(clone, 'mesh.yaml'), content);
      git('add', 'mesh.yaml');
      git('commit', '--quiet', '-m', message);
      git('push', '--quiet', 'origin', `HEAD:${branch}`);
      const revision = git('rev-parse', 'HEAD');
      const body = gitHubPush({ cloneUrl: endpoints.repository!, revision, branch });
      // Form-encoded: GitHub's default content type for a webhook.
      return { revision, answer: await deliver(endpoints.webhook!, body, secret, undefined, 'form') };
    };
    const statuses = async (sha: string) =>
      (await (
        await fetch(`${endpoints.commitStatusApi}/repos/${localStatusRepository}/commits/${sha}/statuses`)
      ).json()) as Array<{ state: string; description: string }>;

    const manifest = readFileSync(join(corpusDir, 'howto-k8s-http-headers/v1beta2-manifest.yaml'), 'utf8');
    const valid = await push(manifest, 'Add the http-headers mesh');
    expect(valid.answer.status).toBe(202);
    expect(await nextEvent((e) => e.event === 'push')).toMatchObject({ level: 'INFO', outcome: 'accepted' });
    const applied = await nextEvent((e) => e.event === 'reconcile');
    expect(applied).toMatchObject({ level: 'INFO', outcome: 'succeeded', revision: valid.revision });
    const meshes = (await (await fetch(`${endpoints.appmesh}/v20190125/meshes`)).json()) as {
      meshes: Array<{ meshName: string }>;
    };
    expect(meshes.meshes.map((m) => m.meshName)).toContain('howto-k8s-http-headers');
    expect((await statuses(valid.revision)).map((s) => s.state)).toEqual(['success', 'pending']);
    expect((await runCli('status', '--local', '--state', state)).code).toBe(0);

    // The first listener's port (line 32, its key at column 9) becomes a string.
    const where =
      'mesh.yaml:32:9 VirtualNode/howto-k8s-http-headers/front spec.listeners[0].portMapping.port';
    const invalid = await push(manifest.replace('port: 8080', 'port: "eighty"'), 'A port that is not one');
    expect(invalid.answer.status).toBe(202);
    const refused = await nextEvent((e) => e.event === 'reconcile');
    expect(refused).toMatchObject({ level: 'WARN', outcome: 'refused', revision: invalid.revision });
    expect(refused.message).toContain(`${where}: must be a number`);
    const status = await runCli('status', '--local', '--state', state);
    expect(status.code).toBe(2);
    expect(status.stdout).toContain('Target local  refused');
    expect(status.stdout).toContain(`error ${where}: must be a number`);
    const posted = await statuses(invalid.revision);
    expect(posted.map((s) => s.state)).toEqual(['failure', 'pending']);
    expect(posted[0]?.description).toContain(`Refused: ${where}: must be a number`);

    // A branch no target tracks: answered 200 ignored, naming why, and logged so.
    const untracked = await push(manifest, 'Elsewhere', 'feature/x');
    expect(untracked.answer).toMatchObject({ status: 200, body: { outcome: 'ignored' } });
    const ignored = await nextEvent((e) => e.event === 'push');
    expect(ignored).toMatchObject({ level: 'INFO', outcome: 'ignored' });
    expect(ignored.message).toContain('branch feature/x of');
  }, 180_000);
});
