import { mkdir, rm } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';
import plugins from '../../scripts/bundle/esbuild-plugins.ts';

export interface BundledHandler {
  /** The bundle's entry file (`index.mjs`). */
  file: string;
  /** Bytes of the entry file: what the runtime loads before the first invocation. */
  bytes: number;
  /** The source files that contribute code to the bundle (any of its chunks), relative to the working directory. */
  inputs: string[];
  /** Bytes of every JavaScript file of the bundle, the lazily loaded chunks included. */
  totalBytes: number;
  /** Output files (relative to the bundle directory) and their bytes, source maps excluded. */
  files: Record<string, number>;
  metafile: Metafile;
}

/**
 * Bundles a Lambda handler the way SST does for `nodejs24.x` with the options in
 * infra/function-defaults.ts: minified ESM for Node 24, split so that each dynamic `import()` (the SDK
 * clients, the Kubernetes client and git a function may never use) is a chunk loaded on first use, with
 * a `require` shim for the CommonJS dependencies (the AWS SDK's), the same esbuild plugins, and source maps
 * beside the code, never inside it.
 */
export async function bundleHandler(entry: string, outDir: string): Promise<BundledHandler> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const result = await build({
    entryPoints: { index: entry },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    // The ES module builds of the SDK and its peers: tree-shaken, where the CommonJS builds are kept whole.
    mainFields: ['module', 'main'],
    format: 'esm',
    target: 'node24',
    minify: true,
    sourcemap: 'external',
    metafile: true,
    logLevel: 'silent',
    plugins,
    banner: {
      js: "import { createRequire as topLevelCreateRequire } from 'node:module';const require = topLevelCreateRequire(import.meta.url);",
    },
  });
  if (result.errors.length > 0) throw new Error(result.errors.map((e) => e.text).join('\n'));
  const metafile = result.metafile;
  const files: Record<string, number> = {};
  const inputs = new Set<string>();
  for (const [path, output] of Object.entries(metafile.outputs)) {
    if (path.endsWith('.map')) continue;
    files[relative(outDir, resolve(path))] = output.bytes;
    for (const [input, used] of Object.entries(output.inputs)) if (used.bytesInOutput > 0) inputs.add(input);
  }
  return {
    file: join(outDir, 'index.mjs'),
    bytes: files['index.mjs'] ?? 0,
    totalBytes: Object.values(files).reduce((a, b) => a + b, 0),
    files,
    inputs: [...inputs],
    metafile,
  };
}
