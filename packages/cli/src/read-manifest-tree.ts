import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { isManifestPath, type ManifestFile } from '@meshcd/core';

/**
 * Reads every `*.yaml`/`*.yml` file under `dir` (hidden folders such as `.git` excluded), with paths relative
 * to `dir` using forward slashes, in a stable order. The only file-system step before the pure core.
 */
export async function readManifestTree(dir: string): Promise<ManifestFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const paths = entries
    .filter((e) => e.isFile() && isManifestPath(e.name))
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .filter((p) => !p.split(sep).some((part) => part.startsWith('.')))
    .sort();
  return Promise.all(
    paths.map(async (p) => ({ path: p.split(sep).join('/'), content: await readFile(join(dir, p), 'utf8') })),
  );
}
