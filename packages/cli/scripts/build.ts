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
 * Pure JavaScript libraries are bundled: one file parses faster than the hundreds Node would resolve one
 * by one (the Kubernetes client alone is 839 modules, the SDK clients a few dozen each): the ones every
 * command's start-up path loads (argument parsing, YAML, schemas), and the clients the local world and
 * the deployed one talk through, each reached by a dynamic import, so in chunks only those commands load.
 * Every other third-party package stays external and loads from node_modules, where it finds its own
 * files (`__dirname`, native add-ons, data files), as the emulators' storage does.
 */
const bundledLibraries = new Set([
  'commander',
  'picocolors',
  'yaml',
  'js-yaml',
  'zod',
  'p-limit',
  'yocto-queue',
  '@kubernetes/client-node',
  'openid-client',
  'oauth4webapi',
  'jose',
  // The SDK's endpoint cache, imported by a path Node resolves only from CommonJS.
  'mnemonist',
  'obliterator',
]);
const bundledScopes = ['@aws-sdk/', '@smithy/', '@aws-crypto/'];

const packageName = (path: string) => path.split('/', path.startsWith('@') ? 2 : 1).join('/');

const externalLibraries: Plugin = {
  name: 'external-libraries',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = packageName(args.path);
      if (name.startsWith('@meshcd/') || bundledLibraries.has(name)) return undefined;
      if (bundledScopes.some((scope) => name.startsWith(scope))) return undefined;
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
  // The ES module builds of the SDK and its peers, which tree-shake, as the functions' bundles use.
  mainFields: ['module', 'main'],
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
