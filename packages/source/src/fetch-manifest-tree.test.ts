import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type GitServerHandle, startGitServer } from '@meshcd/emulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchManifestTree } from './fetch-manifest-tree.ts';

const node = (name: string) =>
  `apiVersion: appmesh.k8s.aws/v1beta2\nkind: VirtualNode\nmetadata:\n  name: ${name}\n`;

let server: GitServerHandle;
let secured: GitServerHandle;
let url: string;
const commits: string[] = [];

beforeAll(async () => {
  server = await startGitServer();
  url = await server.createRepo('manifests');
  commits.push(
    await server.commit('manifests', {
      files: {
        'mesh/a.yaml': node('a'),
        'mesh/b.yml': node('b'),
        'README.md': '# manifests',
        'other/x.yaml': node('x'),
      },
    }),
  );
  commits.push(await server.commit('manifests', { files: { 'mesh/c.yaml': node('c') } }));
  commits.push(
    await server.commit('manifests', { files: { 'mesh/a.yaml': node('a2'), 'mesh/b.yml': null } }),
  );
  commits.push(await server.commit('manifests', { files: { 'mesh/nested/d.YAML': node('d') } }));
  await server.commit('manifests', { files: { 'mesh/staging.yaml': node('s') }, branch: 'staging' });

  secured = await startGitServer({ auth: { username: 'meshcd', password: 's3cret' } });
  await secured.createRepo('private');
  await secured.commit('private', { files: { 'a.yaml': node('a') } });
});

afterAll(async () => {
  await server?.close();
  await secured?.close();
});

const head = () => commits.at(-1)!;

describe('fetchManifestTree', () => {
  it('returns the YAML files under the path at the branch tip, with the full revision', async () => {
    const tree = await fetchManifestTree({ url, ref: 'main', path: 'mesh' });
    expect(tree.revision).toBe(head());
    expect(tree.files).toEqual([
      { path: 'mesh/a.yaml', content: node('a2') },
      { path: 'mesh/c.yaml', content: node('c') },
      { path: 'mesh/nested/d.YAML', content: node('d') },
    ]);
  });

  it('reads the whole repository for an empty or dot path, skipping files that are not YAML', async () => {
    const tree = await fetchManifestTree({ url, ref: 'main', path: './' });
    expect(tree.files.map((f) => f.path)).toEqual([
      'mesh/a.yaml',
      'mesh/c.yaml',
      'mesh/nested/d.YAML',
      'other/x.yaml',
    ]);
  });

  it('reads JSON manifests as the command line does, so a push applies what `meshcd plan` showed', async () => {
    const jsonUrl = await server.createRepo('json-manifests');
    const json = JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    await server.commit('json-manifests', {
      files: { 'mesh/ns.json': json, 'mesh/a.yaml': node('a'), 'mesh/notes.txt': 'not a manifest' },
    });
    const tree = await fetchManifestTree({ url: jsonUrl, ref: 'main', path: 'mesh' });
    expect(tree.files.map((f) => f.path)).toEqual(['mesh/a.yaml', 'mesh/ns.json']);
    expect(tree.files.find((f) => f.path === 'mesh/ns.json')?.content).toBe(json);
  });

  it('follows another branch', async () => {
    const tree = await fetchManifestTree({ url, ref: 'staging', path: 'mesh' });
    expect(tree.files.map((f) => f.path)).toContain('mesh/staging.yaml');
    expect(tree.revision).not.toBe(head());
  });

  it('reads a whole-tree commit pushed to a new branch beside main, and main stays where it was', async () => {
    const forged = await server.commit('manifests', {
      files: { 'mesh/forged.yaml': node('f') },
      replaceAll: true,
      branch: 'forged',
    });
    const side = await fetchManifestTree({ url, ref: 'forged', path: 'mesh' });
    expect(side.revision).toBe(forged);
    expect(side.files.map((f) => f.path)).toEqual(['mesh/forged.yaml']);
    const main = await fetchManifestTree({ url, ref: 'main', path: 'mesh' });
    expect(main.revision).toBe(head());
  });

  it('fetches a commit that is no longer the branch tip by its SHA', async () => {
    const tree = await fetchManifestTree({ url, ref: commits[0]!, path: 'mesh', branch: 'main' });
    expect(tree.revision).toBe(commits[0]);
    expect(tree.files).toEqual([
      { path: 'mesh/a.yaml', content: node('a') },
      { path: 'mesh/b.yml', content: node('b') },
    ]);
  });

  it('fetches the tip commit by SHA from the default branch', async () => {
    const tree = await fetchManifestTree({ url, ref: head(), path: 'mesh' });
    expect(tree.revision).toBe(head());
  });

  it('reports an unknown commit, branch, repository or path as not-found and not retryable', async () => {
    const notFound = expect.objectContaining({ phase: 'source', reason: 'not-found', retryable: false });
    await expect(fetchManifestTree({ url, ref: 'f'.repeat(40), path: 'mesh' })).rejects.toEqual(notFound);
    await expect(fetchManifestTree({ url, ref: 'no-such-branch', path: 'mesh' })).rejects.toEqual(notFound);
    await expect(
      fetchManifestTree({ url: `${server.url}/missing.git`, ref: 'main', path: '' }),
    ).rejects.toEqual(notFound);
    await expect(fetchManifestTree({ url, ref: 'main', path: 'mseh' })).rejects.toThrow(
      /path 'mseh' does not exist/,
    );
  });

  it('refuses a path that climbs out of the repository', async () => {
    await expect(fetchManifestTree({ url, ref: 'main', path: '../etc' })).rejects.toMatchObject({
      reason: 'invalid-path',
    });
  });

  it('refuses a tree entry named .git or .. as an invalid path, not a retryable network fault', async () => {
    // git itself refuses to write such trees from a work tree, so they are built with plumbing, as a
    // hostile repository would be.
    await server.createRepo('hostile');
    const bare = join(server.root, 'hostile.git');
    const git = (args: string[], input?: string) =>
      execFileSync('git', args, { cwd: bare, input, encoding: 'utf8' }).trim();
    const blob = git(['hash-object', '-w', '--stdin'], node('evil'));
    const inner = git(['mktree'], `100644 blob ${blob}\tconfig.yaml\n`);
    for (const name of ['.git', '..']) {
      const tree = git(['mktree'], `040000 tree ${inner}\t${name}\n100644 blob ${blob}\tok.yaml\n`);
      const commit = git(['commit-tree', tree, '-m', `unsafe ${name}`]);
      git(['update-ref', 'refs/heads/main', commit]);
      const failure = await fetchManifestTree({
        url: `${server.url}/hostile.git`,
        ref: 'main',
        path: '.',
      }).catch((error: unknown) => error);
      expect(failure).toMatchObject({ phase: 'source', reason: 'invalid-path', retryable: false });
      expect((failure as Error).message).toContain(name);
    }
  });

  it('follows symbolic links inside the manifest tree and names those that leave it or lead nowhere', async () => {
    await server.createRepo('linked');
    const bare = join(server.root, 'linked.git');
    const git = (args: string[], input?: string) =>
      execFileSync('git', args, { cwd: bare, input, encoding: 'utf8' }).trim();
    const blob = (text: string) => git(['hash-object', '-w', '--stdin'], text);
    const mktree = (entries: string[]) => git(['mktree'], entries.map((e) => `${e}\n`).join(''));
    const link = (target: string, name: string) => `120000 blob ${blob(target)}\t${name}`;
    const shared = mktree([`100644 blob ${blob(node('shared'))}\tnode.yaml`]);
    const other = mktree([`100644 blob ${blob(node('other'))}\tx.yaml`]);
    const mesh = mktree([
      `040000 tree ${shared}\tshared`,
      link('shared/node.yaml', 'linked.yaml'),
      link('shared', 'folder'),
      link('folder/node.yaml', 'through.yaml'),
      link('../other/x.yaml', 'escape.yaml'),
      link('/etc/passwd', 'absolute.yaml'),
      link('../other', 'vendored'),
      link('gone.yaml', 'dangling.yaml'),
      link('loop.yaml', 'loop.yaml'),
    ]);
    const root = mktree([`040000 tree ${mesh}\tmesh`, `040000 tree ${other}\tother`]);
    git(['update-ref', 'refs/heads/main', git(['commit-tree', root, '-m', 'links'])]);

    const tree = await fetchManifestTree({ url: `${server.url}/linked.git`, ref: 'main', path: 'mesh' });
    const problem = (message: string) => ({ line: 1, column: 1, message });
    expect(tree.files).toEqual([
      {
        path: 'mesh/absolute.yaml',
        content: '',
        problem: problem(expect.stringMatching(/out of the manifest tree \(to \/etc\/passwd\)/)),
      },
      {
        path: 'mesh/dangling.yaml',
        content: '',
        problem: problem('mesh/dangling.yaml is a symbolic link to nothing'),
      },
      {
        path: 'mesh/escape.yaml',
        content: '',
        problem: problem(
          expect.stringMatching(
            /^mesh\/escape\.yaml is a symbolic link out of the manifest tree \(to other\/x\.yaml\)/,
          ),
        ),
      },
      { path: 'mesh/linked.yaml', content: node('shared') },
      { path: 'mesh/loop.yaml', content: '', problem: problem('mesh/loop.yaml is a loop of symbolic links') },
      { path: 'mesh/shared/node.yaml', content: node('shared') },
      { path: 'mesh/through.yaml', content: node('shared') },
      {
        path: 'mesh/vendored',
        content: '',
        problem: problem(
          expect.stringMatching(/^mesh\/vendored is a symbolic link out of the manifest tree/),
        ),
      },
    ]);
  });

  it('refuses more manifest files than the limit, naming the count and the limit', async () => {
    await expect(
      fetchManifestTree({ url, ref: 'main', path: 'mesh', limits: { maxFiles: 2 } }),
    ).rejects.toThrow(
      expect.objectContaining({
        reason: 'too-many-files',
        message: expect.stringContaining('holds 3 manifest files, over the limit of 2'),
      }),
    );
  });

  it('refuses manifests larger than the byte limit, naming the limit', async () => {
    await expect(
      fetchManifestTree({ url, ref: 'main', path: 'mesh', limits: { maxBytes: 100 } }),
    ).rejects.toThrow(
      expect.objectContaining({
        reason: 'too-large',
        message: expect.stringContaining('limit of 100 bytes'),
      }),
    );
  });

  it('reports a 30 MB incompressible manifest as over the size limit, not as a connection reset', async () => {
    // Random bytes do not deflate, so git http-backend packs quietly for seconds before answering:
    // longer than a kept-alive socket's idle timeout, which used to cut the answer off as ECONNRESET.
    await server.createRepo('large');
    const bare = join(server.root, 'large.git');
    const git = (args: string[], input?: Buffer | string) =>
      execFileSync('git', args, { cwd: bare, input, encoding: 'utf8' }).trim();
    const blob = git(['hash-object', '-w', '--stdin'], randomBytes(30 * 1024 * 1024));
    const small = git(['hash-object', '-w', '--stdin'], node('a'));
    const tree = git(['mktree'], `100644 blob ${small}\ta.yaml\n100644 blob ${blob}\tlarge.yaml\n`);
    git(['update-ref', 'refs/heads/main', git(['commit-tree', tree, '-m', 'large'])]);
    const largeUrl = `${server.url}/large.git`;

    await expect(fetchManifestTree({ url: largeUrl, ref: 'main', path: '' })).rejects.toThrow(
      expect.objectContaining({
        reason: 'too-large',
        retryable: false,
        message: expect.stringMatching(/limit of 20971520 bytes .*at large\.yaml/),
      }),
    );
    // Over the fetch budget the request is aborted mid-pack, reported as the limit, and the server
    // carries on serving.
    await expect(
      fetchManifestTree({ url: largeUrl, ref: 'main', path: '', limits: { maxFetchBytes: 1024 * 1024 } }),
    ).rejects.toThrow(
      expect.objectContaining({
        reason: 'too-large',
        message: expect.stringContaining('more than the limit of 1048576 bytes'),
      }),
    );
    expect((await fetchManifestTree({ url, ref: 'main', path: 'mesh' })).revision).toBe(head());
  });

  it('authenticates with a user and password or a token, and reports refused credentials', async () => {
    const privateUrl = `${secured.url}/private.git`;
    const ok = await fetchManifestTree({
      url: privateUrl,
      ref: 'main',
      path: '',
      credentials: { username: 'meshcd', password: 's3cret' },
    });
    expect(ok.files.map((f) => f.path)).toEqual(['a.yaml']);
    const withToken = await fetchManifestTree({
      url: privateUrl,
      ref: 'main',
      path: '',
      credentials: { token: 's3cret', username: 'meshcd' },
    });
    expect(withToken.revision).toBe(ok.revision);

    const refused = expect.objectContaining({ reason: 'auth-failed', retryable: false });
    await expect(
      fetchManifestTree({
        url: privateUrl,
        ref: 'main',
        path: '',
        credentials: { username: 'meshcd', password: 'no' },
      }),
    ).rejects.toEqual(refused);
    await expect(fetchManifestTree({ url: privateUrl, ref: 'main', path: '' })).rejects.toEqual(refused);
  });

  it('reports a server that does not answer as unreachable and retryable', async () => {
    const gone = await startGitServer();
    const goneUrl = `${gone.url}/x.git`;
    await gone.close();
    await expect(fetchManifestTree({ url: goneUrl, ref: 'main', path: '' })).rejects.toMatchObject({
      reason: 'unreachable',
      retryable: true,
    });
  });

  it('removes its scratch directory afterwards, also after a failure', async () => {
    const scratch = async () =>
      (await readdir(tmpdir())).filter((d) => d.startsWith('meshcd-source-')).length;
    const before = await scratch();
    await fetchManifestTree({ url, ref: 'main', path: 'mesh' });
    await fetchManifestTree({ url, ref: 'main', path: 'mseh' }).catch(() => undefined);
    expect(await scratch()).toBe(before);
  });
});
