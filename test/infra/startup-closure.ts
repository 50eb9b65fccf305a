import type { Metafile } from 'esbuild';

export interface StartupClosure {
  /** Output files loaded before the first line of the entry runs: its static imports, transitively. */
  outputs: string[];
  /** Their bytes. */
  bytes: number;
  /** The sources bundled into them. */
  inputs: string[];
  /** What they import from outside the bundle. */
  externals: string[];
}

/**
 * What loading `entry` loads at once, from esbuild's metafile (`entry` relative to the output directory
 * or as the metafile names it). Chunks reached only through a dynamic `import()` are left out: they load
 * when the code that needs them first runs.
 */
export function startupClosure(metafile: Metafile, entry: string): StartupClosure {
  const names = Object.keys(metafile.outputs);
  const start = names.find((n) => n === entry || n.endsWith(`/${entry}`));
  if (!start) throw new Error(`${entry} is not an output of this build`);
  const base = start.slice(0, start.length - entry.length);
  const files = new Set<string>();
  const externals = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const i of metafile.outputs[file]?.imports ?? []) {
      if (i.kind !== 'import-statement') continue;
      if (i.external) externals.add(i.path);
      else visit(i.path);
    }
  };
  visit(start);
  return {
    outputs: [...files].map((f) => f.slice(base.length)),
    bytes: [...files].reduce((n, f) => n + (metafile.outputs[f]?.bytes ?? 0), 0),
    inputs: [...files].flatMap((f) => Object.keys(metafile.outputs[f]?.inputs ?? {})),
    externals: [...externals],
  };
}
