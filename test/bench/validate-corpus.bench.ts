/**
 * How long validating the whole shared corpus takes: every scenario revision loaded (files overlaid in order)
 * and resolved into a desired state, as `meshcd validate` would. Measures; never passes or fails on time.
 */
import { loadManifests, resolveDesiredState } from '@meshcd/core';
import { overlayManifests } from '../../packages/core/src/manifests/overlay-manifests.ts';
import { corpusScenarios } from '../corpus/corpus.ts';
import { type Benchmark, timed } from './benchmark.ts';

const ROUNDS = 20;

function validateCorpus(revisions: ReturnType<typeof corpusScenarios>[number]['revisions']): number {
  let resources = 0;
  for (const revision of revisions) {
    const objects = overlayManifests(revision.files.map((f) => loadManifests([f]).objects));
    const result = resolveDesiredState(objects);
    if (result.ok) resources += result.desired.meshResources.length;
  }
  return resources;
}

const bench: Benchmark = {
  name: 'validate-corpus',
  async run() {
    const revisions = corpusScenarios().flatMap((s) => s.revisions);
    const files = revisions.reduce((n, r) => n + r.files.length, 0);
    const first = await timed(() => validateCorpus(revisions)); // includes JIT warm-up
    const samples: number[] = [];
    for (let i = 0; i < ROUNDS; i++) samples.push((await timed(() => validateCorpus(revisions))).ms);
    samples.sort((a, b) => a - b);
    const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
    return {
      revisions: revisions.length,
      files,
      meshResourcesConverted: first.value,
      coldMs: Number(first.ms.toFixed(1)),
      rounds: ROUNDS,
      medianMs: Number(at(0.5).toFixed(1)),
      p90Ms: Number(at(0.9).toFixed(1)),
      maxMs: Number(samples.at(-1)!.toFixed(1)),
    };
  },
};

export default bench;
