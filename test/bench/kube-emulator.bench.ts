import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKubeEmulator } from '../../packages/emulators/src/kube/index.ts';
import { type Benchmark, timed } from './benchmark.ts';

const workloads = 300;

const deployment = (i: number, image: string) =>
  JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: `app-${i}`,
      labels: { 'app.kubernetes.io/managed-by': 'meshcd', shard: String(i % 10) },
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: `app-${i}` } },
      template: {
        metadata: { labels: { app: `app-${i}` } },
        spec: {
          containers: [
            { name: 'app', image, ports: [{ containerPort: 8080 }], env: [{ name: 'X', value: '1' }] },
          ],
        },
      },
    },
  });

/** Server-side applies per second, in memory and persisted to kube.json, and the cost of a selector list. */
async function measure(stateDir: string | undefined) {
  const emulator = await startKubeEmulator(stateDir === undefined ? {} : { stateDir });
  const apply = (i: number, image: string) =>
    fetch(`${emulator.endpoint}/apis/apps/v1/namespaces/default/deployments/app-${i}?fieldManager=meshcd`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/apply-patch+yaml' },
      body: deployment(i, image),
    }).then((r) => r.arrayBuffer());
  const indexes = Array.from({ length: workloads }, (_, i) => i);
  try {
    const create = await timed(async () => {
      for (const i of indexes) await apply(i, 'app:1');
    });
    const noop = await timed(async () => {
      for (const i of indexes) await apply(i, 'app:1');
    });
    const update = await timed(async () => {
      for (const i of indexes) await apply(i, 'app:2');
    });
    const list = await timed(() =>
      fetch(`${emulator.endpoint}/apis/apps/v1/deployments?labelSelector=shard%3D3`).then((r) => r.json()),
    );
    const perSecond = (ms: number) => Math.round((workloads / ms) * 1000);
    return {
      createAppliesPerSecond: perSecond(create.ms),
      noopAppliesPerSecond: perSecond(noop.ms),
      updateAppliesPerSecond: perSecond(update.ms),
      selectorListMs: Math.round(list.ms * 10) / 10,
      listed: (list.value as { items: unknown[] }).items.length,
    };
  } finally {
    await emulator.close();
  }
}

const bench: Benchmark = {
  name: 'kube-emulator',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'meshcd-kube-bench-'));
    try {
      return { workloads, inMemory: await measure(undefined), persisted: await measure(dir) };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
