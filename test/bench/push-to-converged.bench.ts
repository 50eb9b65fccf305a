import { performance } from 'node:perf_hooks';
import { localEksMode, localTableName, localTarget, startLocalPipeline } from '@meshcd/cli';
import {
  type AppMeshEmulatorHandle,
  type KubeEmulatorHandle,
  startAppMeshEmulator,
  startKubeEmulator,
  startLocalStack,
} from '@meshcd/emulators';
import { deliver, gitHubPush } from '../e2e/github-webhook.ts';
import type { Benchmark } from './benchmark.ts';
import { benchShape, generateMeshManifests, resourceCount } from './generate-mesh-manifests.ts';
import { median, ratio } from './ratios.ts';

const samples = 5;
const secret = 'bench-secret';

/** router-0 of the first mesh sends all its traffic to node-0; a canary weight moves a share to node-1. */
const singleTarget = 'name: node-0\n              weight: 100';
const canary = (share: number) =>
  `name: node-0\n              weight: ${100 - share}\n            - virtualNodeRef:\n                name: node-1\n              weight: ${share}`;

/**
 * The local pipeline end to end, as `meshcd local up` runs it: a signed webhook for a push of one route
 * weight change in a ~1,000-resource tree, until the bus has drained (the reconcile function has fetched
 * the revision, planned, written the one route and recorded it). Each sample is paired with a push that
 * changes no manifest (only a README), the pipeline's fixed cost for the same tree, and the figure is the
 * median ratio between the two as well as the median wall time.
 */
const bench: Benchmark = {
  name: 'push-to-converged',
  async run() {
    let appmesh: AppMeshEmulatorHandle | undefined;
    let kube: KubeEmulatorHandle | undefined;
    const stack = await startLocalStack({
      services: {
        appmesh: async () => {
          appmesh = await startAppMeshEmulator();
          return appmesh;
        },
        kube: async () => {
          kube = await startKubeEmulator({ eks: localEksMode(localTarget(appmesh!.accountId)) });
          return kube;
        },
      },
    });
    const repository = await stack.git.createRepo('mesh-config');
    const pipeline = await startLocalPipeline({
      appmesh: appmesh!.endpoint,
      dynamodb: stack.endpoints.dynamodb!,
      kube: kube!.endpoint,
      eks: true,
      targets: [localTarget(appmesh!.accountId, repository)],
      webhookSecret: secret,
      tableName: localTableName,
    });
    let pushedAt = 1_800_000_000;
    const push = async (files: Record<string, string>) => {
      const revision = await stack.git.commit('mesh-config', { files, replaceAll: true });
      pushedAt += 10;
      const started = performance.now();
      const response = await deliver(
        pipeline.webhook,
        gitHubPush({ cloneUrl: repository, revision, pushedAt }),
        secret,
      );
      if (response.status !== 202)
        throw new Error(`push answered ${response.status}: ${response.body.message}`);
      await pipeline.eventBus.bus.drain();
      const ms = performance.now() - started;
      const outcome = pipeline.eventBus.bus.published.filter((e) => e.source === 'meshcd.reconciler').at(-1);
      if (outcome?.['detail-type'] !== 'Reconcile Succeeded') {
        throw new Error(`revision ${revision} ended ${outcome?.['detail-type'] ?? 'without an outcome'}`);
      }
      return ms;
    };
    try {
      const tree = Object.fromEntries(generateMeshManifests(benchShape).map((f) => [f.path, f.content]));
      const first = Object.keys(tree)[0]!;
      if (!tree[first]!.includes(singleTarget))
        throw new Error('the generated route is not the expected one');
      const bootstrapMs = await push(tree);

      const changed: number[] = [];
      const unchanged: number[] = [];
      const writesPerChange: number[] = [];
      const listsPerChange: number[] = [];
      let current = tree;
      for (let i = 0; i < samples; i++) {
        // The same manifests as the last push, with only a README changed.
        unchanged.push(await push({ ...current, 'README.md': `sample ${i}\n` }));
        current = { ...tree, [first]: tree[first]!.replace(singleTarget, canary(10 + i)) };
        appmesh!.resetCalls();
        changed.push(await push(current));
        writesPerChange.push(
          appmesh!.calls.filter((c) => /^(Create|Update|Delete)/.test(c.operation)).length,
        );
        listsPerChange.push(appmesh!.calls.filter((c) => c.operation.startsWith('List')).length);
      }
      return {
        resources: resourceCount(benchShape),
        samples,
        bootstrapWallMs: Math.round(bootstrapMs),
        weightChange: {
          medianWallMs: Math.round(median(changed)),
          appMeshWrites: median(writesPerChange),
          appMeshLists: median(listsPerChange),
        },
        unchangedPush: { medianWallMs: Math.round(median(unchanged)) },
        ratioToUnchangedPush: ratio(changed, unchanged),
      };
    } finally {
      await pipeline.close();
      await stack.close();
    }
  },
};

export default bench;
