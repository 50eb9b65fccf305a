import { isManifestPath } from '@meshcd/core';
import { sourceError } from './source-error.ts';

/** `''`, `.`, `./mesh/`, `mesh` → `''` or `mesh`; refuses paths that climb out of the repository. */
export function normalizeManifestPath(path: string): string {
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.includes('..') || path.startsWith('/')) {
    throw sourceError('invalid-path', `manifest path '${path}' must stay inside the repository`);
  }
  return parts.join('/');
}

export const isUnder = (file: string, dir: string): boolean => dir === '' || file.startsWith(`${dir}/`);

/** The files core's loader reads (YAML and JSON): a push sees exactly what `meshcd plan` of the same tree sees. */
export const isManifestFile = (file: string): boolean => isManifestPath(file);
