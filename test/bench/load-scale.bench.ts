import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Benchmark } from './benchmark.ts';
import { median } from './ratios.ts';

const run = promisify(execFile);
const sizes = [1000, 2500, 5000];
const samples = 3;

interface ScaleRun {
  resources: number;
  loadMs: number;
  resolveMs: number;
  planMs: number;
  totalMs: number;
  peakRssMb: number;
  rssBeforeMb: number;
}

/** One fresh process (load-scale-child.ts) per measurement, so each peak memory is its own. */
async function measure(resources: number): Promise<ScaleRun> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx/esm', join(import.meta.dirname, 'load-scale-child.ts'), String(resources)],
    { maxBuffer: 2 ** 20 },
  );
  return JSON.parse(stdout) as ScaleRun;
}

/**
 * Load, resolve and plan of generated manifest sets of 1,000 to 5,000 resources. Time and memory per
 * resource at each size are given as a ratio to the 1,000-resource run: 1 is linear.
 */
const bench: Benchmark = {
  name: 'load-scale',
  async run() {
    const bySize: Record<string, unknown> = {};
    let base: { msPerResource: number; mbPerResource: number } | undefined;
    for (const size of sizes) {
      const runs: ScaleRun[] = [];
      for (let i = 0; i < samples; i++) runs.push(await measure(size));
      const totalMs = median(runs.map((r) => r.totalMs));
      const addedMb = median(runs.map((r) => r.peakRssMb - r.rssBeforeMb));
      const resources = runs[0]!.resources;
      const perResource = { msPerResource: totalMs / resources, mbPerResource: addedMb / resources };
      base ??= perResource;
      bySize[String(size)] = {
        resources,
        loadMs: Math.round(median(runs.map((r) => r.loadMs))),
        resolveMs: Math.round(median(runs.map((r) => r.resolveMs))),
        planMs: Math.round(median(runs.map((r) => r.planMs))),
        totalMs: Math.round(totalMs),
        peakRssMb: Math.round(median(runs.map((r) => r.peakRssMb))),
        timePerResourceRatioTo1000: Number((perResource.msPerResource / base.msPerResource).toFixed(2)),
        memoryPerResourceRatioTo1000: Number((perResource.mbPerResource / base.mbPerResource).toFixed(2)),
      };
    }
    return { samples, sizes: bySize };
  },
};

export default bench;
