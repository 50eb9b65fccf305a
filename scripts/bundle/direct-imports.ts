/**
 * An esbuild plugin that turns imports from a workspace package's index into imports from the files that
 * define the names, as if each source had imported them directly.
 *
 * Why: esbuild splits code into chunks by file, and a file lands in the chunk of every entry point that can
 * reach it through import statements, used or not. Every package index re-exports the whole package, so one
 * `import { x } from '@meshcd/core'` in a lazily loaded command made every core file another command uses
 * part of its chunk: `meshcd validate` loaded and ran the Lattice translation, the cluster planner and the
 * report. Through direct imports each chunk holds only what its entry points reach.
 *
 * Only plain re-exports (`export { a, b as c } from './file.ts'`) are followed, which is all the package
 * indexes hold; anything else (a name the index does not re-export, `import * as`, a type-only import) is
 * left as written. Line numbers are kept, so source maps stay exact.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Plugin } from 'esbuild';

/** `@meshcd/<name>` → the package's `src/index.ts`, for the workspace packages under `packages/`. */
export type BarrelLocator = (specifier: string) => string | undefined;

const repoRoot = resolve(import.meta.dirname, '..', '..');

const workspaceBarrel: BarrelLocator = (specifier) => {
  const match = /^@meshcd\/([a-z-]+)$/.exec(specifier);
  return match ? join(repoRoot, 'packages', match[1]!, 'src', 'index.ts') : undefined;
};

/** Exported name → the file defining it and its name there, read from an index's `export { … } from`. */
type ExportMap = Map<string, { file: string; name: string }>;

const specifiers = (list: string): string[] =>
  list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '' && !s.startsWith('type '));

/** The value re-exports of an index file; type-only exports are erased by the compiler and need no map. */
export function readExportMap(indexFile: string): ExportMap {
  const source = readFileSync(indexFile, 'utf8');
  const map: ExportMap = new Map();
  for (const m of source.matchAll(/^export\s*\{([^}]*)\}\s*from\s*'([^']+)';/gm)) {
    const file = resolve(dirname(indexFile), m[2]!);
    for (const spec of specifiers(m[1]!)) {
      const [name, alias = name] = spec.split(/\s+as\s+/);
      map.set(alias!, { file, name: name! });
    }
  }
  return map;
}

const importPattern = /^import\s*\{([^}]*)\}\s*from\s*'(@[^']+)';/gm;

/**
 * One source with its imports from package indexes rewritten, or undefined when it has none. Each rewritten
 * declaration stays on as many lines as it had, so every later line keeps its number.
 */
export function rewriteBarrelImports(
  source: string,
  locate: BarrelLocator,
  exportsOf: (indexFile: string) => ExportMap,
): string | undefined {
  let changed = false;
  const out = source.replace(importPattern, (whole, list: string, specifier: string) => {
    const index = locate(specifier);
    if (!index) return whole;
    const map = exportsOf(index);
    const byFile = new Map<string, string[]>();
    const kept: string[] = [];
    for (const spec of specifiers(list)) {
      const [imported, local = imported] = spec.split(/\s+as\s+/);
      const target = map.get(imported!);
      if (!target) {
        kept.push(spec);
        continue;
      }
      const names = byFile.get(target.file) ?? [];
      names.push(target.name === local ? target.name : `${target.name} as ${local}`);
      byFile.set(target.file, names);
    }
    changed = true;
    const statements = [...byFile].map(
      ([file, names]) => `import { ${names.join(', ')} } from ${JSON.stringify(file)};`,
    );
    if (kept.length > 0) statements.push(`import { ${kept.join(', ')} } from '${specifier}';`);
    return statements.join(' ') + '\n'.repeat(whole.split('\n').length - 1);
  });
  return changed ? out : undefined;
}

/** The plugin: TypeScript sources outside node_modules, imports from `@meshcd/*` package indexes. */
export function directImports(locate: BarrelLocator = workspaceBarrel): Plugin {
  const maps = new Map<string, ExportMap>();
  const exportsOf = (index: string) => {
    const map = maps.get(index) ?? readExportMap(index);
    maps.set(index, map);
    return map;
  };
  return {
    name: 'direct-imports',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        if (args.path.includes('/node_modules/')) return undefined;
        const contents = rewriteBarrelImports(readFileSync(args.path, 'utf8'), locate, exportsOf);
        return contents === undefined ? undefined : { contents, loader: 'ts' };
      });
    },
  };
}
