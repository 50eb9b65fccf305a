/**
 * Builds the `meshcd` executable: packages/cli/src/run.ts and everything it imports from the workspace
 * packages, bundled by esbuild into packages/cli/dist/. Every dynamic `import()` becomes its own chunk,
 * so a command loads only the modules it uses, and `meshcd --help` loads none of the SDK, the Kubernetes client, git or the emulators.
 *
 *   node packages/cli/scripts/build.ts            # once (the root `prepare` script runs it on npm ci)
 *   node packages/cli/scripts/build.ts --watch    # rebuild on every source change
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type BuildOptions, build, context, type Metafile, type Plugin } from 'esbuild';
import { directImports } from '../../../scripts/bundle/direct-imports.ts';

const cliRoot = join(import.meta.dirname, '..');
export const defaultOutDir = join(cliRoot, 'dist');
export const entryFile = 'meshcd.js';

/**
 * The pure-ESM libraries every command's start-up path loads (argument parsing, YAML, schemas) are
 * bundled: one file parses faster than the hundreds Node would resolve one by one. Every other
 * third-party package stays external and loads from node_modules, where it finds its own files
 * (`__dirname`, native add-ons, data files).
 */
const bundledLibraries = new Set([
  'commander',
  'picocolors',
  'yaml',
  'js-yaml',
  'zod',
  'p-limit',
  'yocto-queue',
]);

const packageName = (path: string) => path.split('/', path.startsWith('@') ? 2 : 1).join('/');

const externalLibraries: Plugin = {
  name: 'external-libraries',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = packageName(args.path);
      if (name.startsWith('@meshcd/') || bundledLibraries.has(name)) return undefined;
      return { path: args.path, external: true };
    });
  },
};

export const cliBuildOptions = (outdir: string): BuildOptions => ({
  entryPoints: { meshcd: join(cliRoot, 'src', 'run.ts') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node24',
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
  plugins: [externalLibraries, directImports()],
  // commander is CommonJS: its `require`s of Node built-ins need a real `require` in an ES module.
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
});

/** One build into `outdir` (emptied first, so no stale chunk survives); returns esbuild's metafile. */
export async function buildCli(outdir = defaultOutDir): Promise<Metafile> {
  await rm(outdir, { recursive: true, force: true });
  const result = await build(cliBuildOptions(outdir));
  return result.metafile!;
}

if (import.meta.main) {
  if (process.argv.includes('--watch')) {
    const ctx = await context(cliBuildOptions(defaultOutDir));
    await ctx.watch();
    process.stderr.write(`meshcd: watching the sources, rebuilding into ${defaultOutDir}\n`);
  } else {
    await buildCli();
  }
}
