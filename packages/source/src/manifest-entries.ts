import * as fs from 'node:fs';
import { posix } from 'node:path';
import git from 'isomorphic-git';
import { isManifestFile, isUnder } from './manifest-path.ts';

/** A manifest file of the tree: the blob to read (a link's target), or why it cannot be read. */
export interface ManifestEntry {
  path: string;
  oid?: string;
  problem?: string;
}

interface TreeEntry {
  type: 'blob' | 'tree' | 'commit';
  mode: string;
  oid: string;
}

const symlinkMode = '120000';
/** As the kernel's limit on nested links: past it, a chain of links is taken to loop. */
const maxHops = 40;

/**
 * The manifest files under `path` at a commit, in path order. A symbolic link is followed when it stays
 * inside `path`, and is an error naming it when it leaves it or leads nowhere, as in the directory reader:
 * skipping it would drop the manifests behind it and the next apply would prune what they hold.
 */
export async function listManifestEntries(
  dir: string,
  revision: string,
  path: string,
): Promise<{ exists: boolean; manifests: ManifestEntry[] }> {
  const entries = new Map<string, TreeEntry>();
  await collect(dir, revision, '', entries);
  const links = new Map<string, string>();
  for (const [file, entry] of entries) {
    if (entry.mode !== symlinkMode) continue;
    const { blob } = await git.readBlob({ fs, dir, oid: entry.oid });
    links.set(file, Buffer.from(blob).toString('utf8'));
  }
  const under = [...entries.keys()].filter((file) => isUnder(file, path)).sort();
  const manifests: ManifestEntry[] = [];
  for (const file of under) {
    const entry = entries.get(file)!;
    if (entry.mode === symlinkMode) {
      const followed = followLink(file, path, entries, links);
      if (followed) manifests.push(followed);
    } else if (entry.type === 'blob' && isManifestFile(file)) {
      manifests.push({ path: file, oid: entry.oid });
    }
  }
  return { exists: under.length > 0, manifests };
}

async function collect(dir: string, oid: string, prefix: string, into: Map<string, TreeEntry>) {
  const { tree } = await git.readTree({ fs, dir, oid });
  for (const entry of tree) {
    const path = prefix === '' ? entry.path : `${prefix}/${entry.path}`;
    into.set(path, { type: entry.type, mode: entry.mode, oid: entry.oid });
    if (entry.type === 'tree') await collect(dir, entry.oid, path, into);
  }
}

/** What a link gives: its manifest file, an error naming it, or nothing (a link to a folder in the tree). */
function followLink(
  link: string,
  root: string,
  entries: ReadonlyMap<string, TreeEntry>,
  links: ReadonlyMap<string, string>,
): ManifestEntry | undefined {
  const manifest = isManifestFile(link);
  const real = realPath(link, entries, links);
  if (real === 'loop')
    return manifest ? { path: link, problem: `${link} is a loop of symbolic links` } : undefined;
  if (real === undefined)
    return manifest ? { path: link, problem: `${link} is a symbolic link to nothing` } : undefined;
  if ('outside' in real) {
    return manifest ? { path: link, problem: outOfTree(link, real.outside) } : undefined;
  }
  const target = entries.get(real.path);
  const folder = real.path === '' || target?.type === 'tree';
  if (!isUnder(real.path, root) || real.path === root) {
    return manifest || folder ? { path: link, problem: outOfTree(link, real.path || '.') } : undefined;
  }
  return manifest && !folder ? { path: link, oid: target!.oid } : undefined;
}

const outOfTree = (link: string, to: string) =>
  `${link} is a symbolic link out of the manifest tree (to ${to})`;

/**
 * Resolves every link along `path`, as realpath(3) does on a checkout: a path in the repository, one that
 * leaves it (`outside`, as the link wrote it), `undefined` when nothing is there, or `loop`.
 */
function realPath(
  path: string,
  entries: ReadonlyMap<string, TreeEntry>,
  links: ReadonlyMap<string, string>,
): { path: string } | { outside: string } | undefined | 'loop' {
  let rest = path.split('/');
  let resolved: string[] = [];
  for (let hops = 0; rest.length > 0; ) {
    const [part, ...tail] = rest as [string, ...string[]];
    rest = tail;
    const candidate = [...resolved, part].join('/');
    const target = links.get(candidate);
    if (target === undefined) {
      if (!entries.has(candidate)) return undefined;
      resolved = [...resolved, part];
      continue;
    }
    if (++hops > maxHops) return 'loop';
    const joined = posix.isAbsolute(target) ? target : posix.join(...resolved, target);
    if (posix.isAbsolute(joined) || joined === '..' || joined.startsWith('../')) return { outside: target };
    resolved = [];
    rest = [...joined.split('/').filter((p) => p !== '' && p !== '.'), ...rest];
  }
  return { path: resolved.join('/') };
}
