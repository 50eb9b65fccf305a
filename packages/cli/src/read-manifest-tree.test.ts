import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readManifestTree } from './read-manifest-tree.ts';

const ns = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;

let base: string;
let dir: string;
beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'meshcd-tree-'));
  dir = join(base, 'tree');
  await mkdir(join(dir, 'apps'), { recursive: true });
});
afterEach(() => rm(base, { recursive: true, force: true }));

describe('readManifestTree', () => {
  it('follows a link to a file inside the tree, under the link’s own path', async () => {
    await writeFile(join(dir, 'apps', 'shop.yaml'), ns('shop'));
    await symlink(join('apps', 'shop.yaml'), join(dir, 'linked.yaml'));
    await mkdir(join(dir, '.git'));
    await writeFile(join(dir, '.git', 'x.yaml'), ns('hidden'));
    expect(await readManifestTree(dir)).toEqual([
      { path: 'apps/shop.yaml', content: ns('shop') },
      { path: 'linked.yaml', content: ns('shop') },
    ]);
  });

  it('names links that leave the tree or dangle, for a manifest and for a folder', async () => {
    await mkdir(join(base, 'outside'));
    await writeFile(join(base, 'secret.yaml'), ns('secret'));
    await writeFile(join(base, 'outside', 'more.yaml'), ns('more'));
    await symlink(join(base, 'secret.yaml'), join(dir, 'escape.yaml'));
    await symlink(join(base, 'outside'), join(dir, 'apps', 'vendored'));
    await symlink(join(dir, 'gone.yaml'), join(dir, 'dangling.yaml'));
    const files = await readManifestTree(dir);
    expect(files.map((f) => [f.path, f.content, f.problem?.message])).toEqual([
      [
        'apps/vendored',
        '',
        expect.stringMatching(/^apps\/vendored is a symbolic link out of the manifest tree/),
      ],
      ['dangling.yaml', '', 'dangling.yaml is a symbolic link to nothing'],
      ['escape.yaml', '', expect.stringMatching(/^escape\.yaml is a symbolic link out of the manifest tree/)],
    ]);
  });

  it('refuses a tree over the file or byte limit before reading it', async () => {
    for (const n of [1, 2, 3]) await writeFile(join(dir, `${n}.yaml`), ns(`n${n}`));
    await expect(readManifestTree(dir, { maxFiles: 2, maxBytes: 1_000 })).rejects.toMatchObject({
      phase: 'source',
      reason: 'too-many-files',
      message: `${dir} holds 3 manifest files, over the limit of 2`,
    });
    await expect(readManifestTree(dir, { maxFiles: 10, maxBytes: 100 })).rejects.toMatchObject({
      reason: 'too-large',
      message: expect.stringContaining('exceed the limit of 100 bytes'),
    });
  });
});
