import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { serveWithHttpBackend } from './http-backend.ts';
import { runGit } from './run-git.ts';

export interface GitServerOptions {
  port?: number;
  host?: string;
  /** Where bare repositories live; a fresh temporary directory when absent. */
  root?: string;
  /** Require HTTP basic auth with these credentials. */
  auth?: { username: string; password: string };
}

export interface CommitOptions {
  /** Files to write, path → content; `null` deletes the file. */
  files: Record<string, string | null>;
  message?: string;
  /** Remove every file not named in `files` first, so the commit holds exactly `files`. */
  replaceAll?: boolean;
  branch?: string;
}

export interface GitServerHandle {
  /** Base URL; a repository is at `${url}/${name}.git`. */
  url: string;
  root: string;
  /** Creates an empty bare repository (idempotent) and returns its clone URL. */
  createRepo(name: string): Promise<string>;
  /** Commits to a repository through a real clone and push; returns the new commit's SHA. */
  commit(name: string, options: CommitOptions): Promise<string>;
  close(): Promise<void>;
}

/** A local git smart-HTTP server backed by `git http-backend`, for tests and the demo. */
export async function startGitServer(options: GitServerOptions = {}): Promise<GitServerHandle> {
  const host = options.host ?? '127.0.0.1';
  const ownsRoot = !options.root;
  const root = options.root ?? (await mkdtemp(join(tmpdir(), 'meshcd-git-')));
  const scratch = await mkdtemp(join(tmpdir(), 'meshcd-git-work-'));
  const expected = options.auth
    ? `Basic ${Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64')}`
    : undefined;

  const server = createServer((req, res) => {
    if (expected && req.headers.authorization !== expected) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="meshcd-git"' }).end();
      return;
    }
    serveWithHttpBackend(root, req, res, options.auth?.username);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}`;

  const createRepo = async (name: string) => {
    const bare = join(root, `${name}.git`);
    await mkdir(bare, { recursive: true });
    await runGit(['init', '--quiet', '--bare', '--initial-branch=main', bare]);
    return `${url}/${name}.git`;
  };

  const commit = async (name: string, commitOptions: CommitOptions) => {
    const branch = commitOptions.branch ?? 'main';
    const work = join(scratch, name);
    await rm(work, { recursive: true, force: true });
    // Clone straight from the bare repository on disk: the server under test is for the system under test.
    await runGit(['clone', '--quiet', join(root, `${name}.git`), work]);
    const branches = await runGit(['branch', '-r'], work);
    if (branches.includes(`origin/${branch}`)) await runGit(['checkout', '--quiet', branch], work);
    // A new branch forks from the default branch, as a pushed feature branch does; only an empty
    // repository starts one without history.
    else if (branches.trim()) await runGit(['checkout', '--quiet', '-b', branch], work);
    else await runGit(['checkout', '--quiet', '--orphan', branch], work);
    if (commitOptions.replaceAll) await runGit(['rm', '-r', '-q', '--ignore-unmatch', '.'], work);
    for (const [path, content] of Object.entries(commitOptions.files)) {
      const target = join(work, path);
      if (content === null) {
        await rm(target, { force: true });
      } else {
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, content);
      }
    }
    await runGit(['add', '-A'], work);
    await runGit(
      ['commit', '--quiet', '--allow-empty', '-m', commitOptions.message ?? 'update manifests'],
      work,
    );
    await runGit(['push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`], work);
    return runGit(['rev-parse', 'HEAD'], work);
  };

  return {
    url,
    root,
    createRepo,
    commit,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(scratch, { recursive: true, force: true });
      if (ownsRoot) await rm(root, { recursive: true, force: true });
    },
  };
}
