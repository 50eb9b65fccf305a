/**
 * Runs every benchmark in test/bench (`*.bench.ts`, each default-exporting a `Benchmark`) and writes one
 * JSON result file per benchmark into bench-results/. Benchmarks measure; they never pass or fail on time.
 *
 *   npm run bench               # all benchmarks
 *   npm run bench -- validate   # only those whose file name contains "validate"
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Benchmark } from './benchmark.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const outDir = join(here, '..', '..', 'bench-results');
const filter = process.argv[2];

const files = (await readdir(here)).filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)));
await mkdir(outDir, { recursive: true });
for (const file of files.sort()) {
  const { default: bench } = (await import(pathToFileURL(join(here, file)).href)) as { default: Benchmark };
  process.stderr.write(`bench ${bench.name} …\n`);
  const startedAt = new Date().toISOString();
  const results = await bench.run();
  const record = { name: bench.name, startedAt, node: process.version, results };
  const out = join(outDir, `${bench.name}.json`);
  await writeFile(out, `${JSON.stringify(record, null, 2)}\n`);
  process.stderr.write(`bench ${bench.name} → ${out}\n`);
  process.stdout.write(`${JSON.stringify(record)}\n`);
}
