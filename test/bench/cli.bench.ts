import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { repoRoot } from '../infra/synth-app.ts';
import type { Benchmark } from './benchmark.ts';
import { generateMeshManifests, type MeshShape, resourceCount } from './generate-mesh-manifests.ts';
import { median, ratio } from './ratios.ts';

const run = promisify(execFile);
const samples = 7;

/** A seed-sized set: one mesh, two nodes, one router with its route and three services. */
const seedShape: MeshShape = { meshes: 1, nodesPerMesh: 2, routersPerMesh: 1, nodeServicesPerMesh: 1 };

const meshcd = join(repoRoot, 'packages', 'cli', 'bin', 'meshcd.js');

/** Wall milliseconds of one whole process, from spawn to exit; exit codes other than 0 and 2 are errors. */
async function wallMs(args: readonly string[], cwd: string): Promise<number> {
  const started = performance.now();
  try {
    await run(process.execPath, args, { cwd, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    // `plan` exits 2 when it finds changes: that is its answer, not a failure.
    if ((error as { code?: unknown }).code !== 2) throw error;
  }
  return performance.now() - started;
}

/**
 * Whole-process wall time of the commands people type, each sample taken right after a bare `node -e 0`
 * (A B A B …), reported as the median ratio to it so the figure holds on a busy machine. The command is
 * the installed `meshcd` bin: the bundle `npm ci` builds.
 */
const bench: Benchmark = {
  name: 'cli',
  async run() {
    const dir = await mkdtemp(join(tmpdir(), 'meshcd-cli-bench-'));
    try {
      const tree = join(dir, 'mesh');
      await mkdir(tree);
      const files = generateMeshManifests(seedShape);
      for (const file of files) await writeFile(join(tree, file.path), file.content);
      const commands: Record<string, string[]> = {
        help: [meshcd, '--help'],
        validate: [meshcd, 'validate', tree],
        planLocal: [meshcd, 'plan', '--local', '--state', join(dir, 'state'), tree],
      };
      const results: Record<string, unknown> = {};
      for (const [name, args] of Object.entries(commands)) {
        await wallMs(args, dir); // warm-up: the compile cache and the page cache
        const measured: number[] = [];
        const baseline: number[] = [];
        for (let i = 0; i < samples; i++) {
          baseline.push(await wallMs(['-e', '0'], dir));
          measured.push(await wallMs(args, dir));
        }
        results[name] = {
          command: `meshcd ${args.slice(1).join(' ').replaceAll(dir, '<tmp>')}`,
          medianWallMs: Math.round(median(measured)),
          baselineMedianWallMs: Math.round(median(baseline)),
          ratioToNodeStart: ratio(measured, baseline),
        };
      }
      return { samples, seedResources: resourceCount(seedShape), baseline: 'node -e 0', ...results };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
