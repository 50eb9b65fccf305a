import * as fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeManifestFile, defaultSourceLimits, type SourceLimits } from '@meshcd/core';
import git from 'isomorphic-git';
import { authCallback, type GitCredentials } from './git-credentials.ts';
import { boundedGitHttp } from './git-http-client.ts';
import { listManifestEntries } from './manifest-entries.ts';
import { normalizeManifestPath } from './manifest-path.ts';
import { classifyGitError, redact, sourceError } from './source-error.ts';

export { defaultSourceLimits, type SourceLimits };

/** The manifest limits, plus how much a fetch may transfer: the pack holds every file of the commit. */
export interface GitSourceLimits extends SourceLimits {
  /** Most bytes the git server may send for one fetch (all its requests together). */
  maxFetchBytes: number;
}

/**
 * isomorphic-git holds a whole pack in memory while indexing it; a depth-1 pack of a manifest
 * repository is far below this, so a larger one is refused rather than risking the function's memory.
 */
export const defaultMaxFetchBytes = 100 * 1024 * 1024;

export interface FetchManifestTreeOptions {
  /** Clone URL (HTTP(S) smart protocol). */
  url: string;
  /** A branch name, or a full commit SHA. */
  ref: string;
  /** Directory holding the manifests ('' or '.' for the root). */
  path: string;
  /** Branch to search for `ref` when it is a SHA that is not a branch tip; the remote's HEAD by default. */
  branch?: string;
  credentials?: GitCredentials;
  limits?: Partial<GitSourceLimits>;
  /** Scratch directory for the object store; a temporary one, removed afterwards, when absent. */
  dir?: string;
}

export interface ManifestFile {
  /** Path from the repository root, e.g. `mesh/payments/virtual-node.yaml`. */
  path: string;
  content: string;
  /** Why the file's text could not be read (not UTF-8): an error the manifests step reports there. */
  problem?: { line: number; column: number; message: string };
}

export interface ManifestTree {
  /** Full SHA of the commit the files come from. */
  revision: string;
  files: ManifestFile[];
}

const fullSha = /^[0-9a-f]{40}$/i;
/** How far back a SHA that is not a branch tip is searched, one shallow deepening at a time. */
const deepenSteps = [10, 100, 1_000, 10_000];

/**
 * The manifest tree (*.yaml, *.yml, *.json under `path`) of a repository at a branch or commit. Fetches
 * shallow (depth 1, one branch) into a scratch object store without checking anything out, then reads
 * blobs straight from the commit's tree, enforcing the file and byte limits before and while reading.
 */
export async function fetchManifestTree(options: FetchManifestTreeOptions): Promise<ManifestTree> {
  const limits = { ...defaultSourceLimits, maxFetchBytes: defaultMaxFetchBytes, ...options.limits };
  const path = normalizeManifestPath(options.path);
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'meshcd-source-')));
  const onAuth = authCallback(options.credentials);
  // Without this, isomorphic-git asks onAuth again after a 401 and loops on wrong credentials.
  const onAuthFailure = () => ({ cancel: true });
  const transfer = boundedGitHttp(limits.maxFetchBytes);
  const http = transfer.client;
  const remote = { fs, http, dir, url: options.url, ...(onAuth ? { onAuth, onAuthFailure } : {}) };
  try {
    const revision = await fetchRevision(remote, options);
    const files = await readManifests(dir, revision, path, limits, options.url);
    return { revision, files };
  } catch (error) {
    // The aborted request surfaces from isomorphic-git in several shapes; the budget says what happened.
    if (transfer.exceeded()) {
      throw sourceError(
        'too-large',
        `git fetch of ${redact(options.url)} at '${options.ref}' sent more than the limit of ` +
          `${limits.maxFetchBytes} bytes (the repository at that revision, not only its manifests)`,
        error,
      );
    }
    throw classifyGitError(error, options.url, options.ref);
  } finally {
    if (!options.dir) await rm(dir, { recursive: true, force: true });
  }
}

type Remote = Parameters<typeof git.clone>[0];

async function fetchRevision(remote: Remote, options: FetchManifestTreeOptions): Promise<string> {
  const isSha = fullSha.test(options.ref);
  const branch = isSha ? options.branch : options.ref;
  await git.clone({
    ...remote,
    ...(branch ? { ref: branch } : {}),
    singleBranch: true,
    depth: 1,
    noCheckout: true,
    noTags: true,
  });
  if (!isSha) return git.resolveRef({ fs, dir: remote.dir!, ref: `refs/remotes/origin/${options.ref}` });

  const sha = options.ref.toLowerCase();
  for (const depth of [0, ...deepenSteps]) {
    if (depth > 0) {
      await git.fetch({
        ...remote,
        ...(branch ? { ref: branch } : {}),
        singleBranch: true,
        depth,
        relative: true,
        tags: false,
      });
    }
    if (await hasCommit(remote.dir!, sha)) return sha;
  }
  throw sourceError(
    'not-found',
    `commit ${sha} is not among the last ${deepenSteps.at(-1)} commits of ` +
      `${branch ? `branch '${branch}'` : 'the default branch'} of ${redact(options.url)}`,
  );
}

async function hasCommit(dir: string, oid: string): Promise<boolean> {
  try {
    await git.readCommit({ fs, dir, oid });
    return true;
  } catch {
    return false;
  }
}

async function readManifests(
  dir: string,
  revision: string,
  path: string,
  limits: SourceLimits,
  url: string,
): Promise<ManifestFile[]> {
  const { exists, manifests } = await listManifestEntries(dir, revision, path);
  if (path !== '' && !exists) {
    // An empty tree would read as "delete everything": a mistyped path must not prune a mesh.
    throw sourceError('not-found', `path '${path}' does not exist in ${redact(url)} at ${revision}`);
  }
  if (manifests.length > limits.maxFiles) {
    throw sourceError(
      'too-many-files',
      `'${path || '.'}' at ${revision} holds ${manifests.length} manifest files, over the limit of ${limits.maxFiles}`,
    );
  }
  const files: ManifestFile[] = [];
  let bytes = 0;
  for (const { path: file, oid, problem } of manifests) {
    if (oid === undefined) {
      // A link out of the tree or to nothing: an error at the link, never a silently missing file.
      files.push({ path: file, content: '', problem: { line: 1, column: 1, message: problem! } });
      continue;
    }
    const { blob } = await git.readBlob({ fs, dir, oid });
    bytes += blob.byteLength;
    if (bytes > limits.maxBytes) {
      throw sourceError(
        'too-large',
        `manifests under '${path || '.'}' at ${revision} exceed the limit of ${limits.maxBytes} bytes ` +
          `(${bytes} bytes after ${files.length + 1} of ${manifests.length} files, at ${file})`,
      );
    }
    files.push(decodeManifestFile(file, blob));
  }
  return files;
}
