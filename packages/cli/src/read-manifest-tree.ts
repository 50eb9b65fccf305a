import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import {
  decodeManifestFile,
  defaultSourceLimits,
  isManifestPath,
  type ManifestFile,
  MeshcdError,
  type SourceLimits,
} from '@meshcd/core';
import { CommandLineError } from './report-failure.ts';

/**
 * The manifest files of the directory a command names: an error (not an empty set) when it is not a directory
 * or holds no manifest, since applying nothing would prune everything and a typo would read as "in sync".
 */
export async function readManifestDir(dir: string): Promise<ManifestFile[]> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new CommandLineError('not-a-directory', `${dir} is not a directory`);
  const files = await readManifestTree(dir);
  if (files.length === 0) {
    throw new CommandLineError(
      'no-manifests',
      `no manifests found in ${dir} (meshcd reads *.yaml, *.yml and *.json files outside hidden folders)`,
    );
  }
  return files;
}

/** A manifest file found in the tree: its path from the root, and the real file to read (a link's target). */
interface Found {
  path: string;
  real?: string;
  problem?: string;
}

const sourceError = (reason: 'too-many-files' | 'too-large', message: string) =>
  new MeshcdError({ phase: 'source', reason, message });

/**
 * Reads every `*.yaml`/`*.yml`/`*.json` file under `dir` (hidden folders such as `.git` excluded), with paths relative
 * to `dir` using forward slashes, in a stable order. The only file-system step before the pure core. A
 * symbolic link is followed when it stays inside the tree and is an error naming it when it leaves the tree
 * (or dangles), never skipped. The git source's limits on files and bytes apply, checked before anything
 * is read.
 */
export async function readManifestTree(
  dir: string,
  limits: SourceLimits = defaultSourceLimits,
): Promise<ManifestFile[]> {
  const root = await realpath(dir);
  const entries = (await readdir(root, { recursive: true, withFileTypes: true }))
    .map((e) => ({ entry: e, path: relative(root, join(e.parentPath, e.name)) }))
    .filter(({ path }) => !path.split(sep).some((part) => part.startsWith('.')));
  const files = entries.filter(({ entry }) => entry.isFile() && isManifestPath(entry.name));
  const links = entries.filter(({ entry }) => entry.isSymbolicLink());
  const found: Found[] = [
    ...files.map(({ path }) => ({ path: path.split(sep).join('/'), real: join(root, path) })),
    ...(await Promise.all(links.map(({ path }) => followLink(root, path)))).filter((f) => f !== undefined),
  ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (found.length > limits.maxFiles) {
    throw sourceError(
      'too-many-files',
      `${dir} holds ${found.length} manifest files, over the limit of ${limits.maxFiles}`,
    );
  }
  let bytes = 0;
  for (const f of found) {
    if (f.real === undefined) continue;
    bytes += (await stat(f.real)).size;
    if (bytes > limits.maxBytes) {
      throw sourceError(
        'too-large',
        `manifests under ${dir} exceed the limit of ${limits.maxBytes} bytes (${bytes} bytes at ${f.path})`,
      );
    }
  }
  return Promise.all(
    found.map(async (f) => {
      if (f.real === undefined)
        return { path: f.path, content: '', problem: { line: 1, column: 1, message: f.problem! } };
      return decodeManifestFile(f.path, await readFile(f.real));
    }),
  );
}

/**
 * What a link in the tree gives: a manifest file inside the tree is read through it; a link to a folder is not
 * followed (the folder's files are read where they are); a link that leaves the tree (or dangles) is an error
 * naming it when it stands for a manifest or a folder, as skipping it would drop the manifests behind it.
 */
async function followLink(root: string, path: string): Promise<Found | undefined> {
  const slashed = path.split(sep).join('/');
  const manifest = isManifestPath(path);
  const real = await realpath(join(root, path)).catch(() => undefined);
  if (real === undefined)
    return manifest ? { path: slashed, problem: `${slashed} is a symbolic link to nothing` } : undefined;
  const folder = (await stat(real)).isDirectory();
  if (!isInside(root, real)) {
    return manifest || folder
      ? { path: slashed, problem: `${slashed} is a symbolic link out of the manifest tree (to ${real})` }
      : undefined;
  }
  return manifest && !folder ? { path: slashed, real } : undefined;
}

const isInside = (root: string, real: string): boolean => {
  const inside = relative(root, real);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside);
};
