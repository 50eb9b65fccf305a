/**
 * One measurement of the load-scale benchmark, in a fresh process so its peak memory is its own: generate
 * `resources` App Mesh resources, then load, resolve and plan them (against an empty account). Prints JSON.
 */
import { defaultTargetPolicy, loadManifests, resolveDesiredState } from '@meshcd/core';
import { computePlan } from '../../packages/core/src/plan/compute-plan.ts';
import { generateMeshManifests, type MeshShape, resourceCount } from './generate-mesh-manifests.ts';

const wanted = Number(process.argv[2] ?? 1000);
// Enough meshes, each about 335 resources, to stay inside the per-mesh and per-account quotas.
const meshes = Math.min(15, Math.max(1, Math.ceil(wanted / 335)));
const perMesh = Math.round(wanted / meshes);
const shape: MeshShape = {
  meshes,
  nodesPerMesh: Math.round(perMesh * 0.4),
  routersPerMesh: Math.round(perMesh * 0.15),
  nodeServicesPerMesh: Math.round(perMesh * 0.15),
};
const files = generateMeshManifests(shape);
const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
const loaded = loadManifests(files);
const t1 = performance.now();
const resolved = resolveDesiredState(loaded.objects);
if (!resolved.ok) throw new Error(`the generated set does not resolve: ${resolved.diagnostics[0]?.message}`);
const t2 = performance.now();
const plan = computePlan({
  targetId: 'bench',
  accountId: '111111111111',
  desired: resolved.desired.meshResources,
  observed: [],
  inventory: [],
  policy: { ...defaultTargetPolicy },
});
const t3 = performance.now();
process.stdout.write(
  `${JSON.stringify({
    resources: resourceCount(shape),
    planned: plan.changes.length,
    loadMs: t1 - t0,
    resolveMs: t2 - t1,
    planMs: t3 - t2,
    totalMs: t3 - t0,
    rssBeforeMb: rssBefore / 2 ** 20,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    // Still reachable at the end: what the loaded objects keep alive (source positions included).
    heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20,
  })}\n`,
);
