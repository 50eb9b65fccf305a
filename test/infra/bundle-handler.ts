import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

export interface BundledHandler {
  /** The bundle's entry file (`index.mjs`). */
  file: string;
  bytes: number;
  /** The source files that contribute code to the bundle, relative to the working directory. */
  inputs: string[];
}

/**
 * Bundles a Lambda handler the way SST does for `nodejs24.x` with `format: 'esm'`: one minified ESM
 * file for Node 24, with a `require` shim for the CommonJS dependencies (the AWS SDK's).
 */
export async function bundleHandler(entry: string, outDir: string): Promise<BundledHandler> {
  await mkdir(outDir, { recursive: true });
  const file = join(outDir, 'index.mjs');
  const result = await build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    minify: true,
    logLevel: 'silent',
    metafile: true,
    banner: {
      js: "import { createRequire as topLevelCreateRequire } from 'node:module';const require = topLevelCreateRequire(import.meta.url);",
    },
  });
  if (result.errors.length > 0) throw new Error(result.errors.map((e) => e.text).join('\n'));
  const output = Object.values(result.metafile.outputs)[0];
  const inputs = Object.entries(output?.inputs ?? {})
    .filter(([, used]) => used.bytesInOutput > 0)
    .map(([path]) => path);
  return { file, bytes: (await stat(file)).size, inputs };
}
