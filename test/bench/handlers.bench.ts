import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { bundleHandler } from '../infra/bundle-handler.ts';
import { repoRoot } from '../infra/synth-app.ts';
import type { Benchmark } from './benchmark.ts';

const run = promisify(execFile);
const handlers = ['ingest-webhook', 'reconcile', 'cluster-event', 'detect-drift'];
const samples = 5;

/** Time to import a bundle in a fresh Node process: what a cold start spends on module init. */
async function moduleInitMs(file: string): Promise<number> {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH ?? '', POWERTOOLS_TRACE_ENABLED: 'false' },
  });
  return Number(stdout);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** Each function bundled as SST would (minified ESM for Node 24): bytes, gzipped bytes, module-init time. */
const bench: Benchmark = {
  name: 'handlers',
  async run() {
    const work = await mkdtemp(join(tmpdir(), 'meshcd-handlers-'));
    try {
      const results: Record<string, unknown> = {};
      for (const name of handlers) {
        const bundle = await bundleHandler(join(repoRoot, 'functions', `${name}.ts`), join(work, name));
        const times: number[] = [];
        for (let i = 0; i < samples; i++) times.push(await moduleInitMs(bundle.file));
        results[name] = {
          bundleBytes: bundle.bytes,
          gzipBytes: gzipSync(readFileSync(bundle.file)).byteLength,
          moduleInitMs: { median: median(times), samples: times },
        };
      }
      return { node: process.version, samples, handlers: results };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  },
};

export default bench;
