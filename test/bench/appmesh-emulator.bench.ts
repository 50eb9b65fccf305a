import {
  CreateMeshCommand,
  CreateVirtualNodeCommand,
  DescribeVirtualNodeCommand,
  paginateListVirtualNodes,
} from '@aws-sdk/client-app-mesh';
import { appMeshClientFor, startAppMeshEmulator } from '../../packages/emulators/src/appmesh/index.ts';
import { type Benchmark, timed } from './benchmark.ts';

const nodes = 200;

/** Calls per second the App Mesh emulator sustains through the real SDK, and how throttling shapes a burst. */
const bench: Benchmark = {
  name: 'appmesh-emulator',
  async run() {
    const handle = await startAppMeshEmulator();
    const client = appMeshClientFor(handle, { maxAttempts: 1 });
    try {
      await client.send(new CreateMeshCommand({ meshName: 'bench' }));
      const names = Array.from({ length: nodes }, (_, i) => `node-${i}`);
      const create = await timed(async () => {
        for (const virtualNodeName of names)
          await client.send(new CreateVirtualNodeCommand({ meshName: 'bench', virtualNodeName, spec: {} }));
      });
      const describe = await timed(() =>
        Promise.all(
          names.map((virtualNodeName) =>
            client.send(new DescribeVirtualNodeCommand({ meshName: 'bench', virtualNodeName })),
          ),
        ),
      );
      const list = await timed(async () => {
        let seen = 0;
        for await (const page of paginateListVirtualNodes({ client, pageSize: 25 }, { meshName: 'bench' }))
          seen += page.virtualNodes?.length ?? 0;
        return seen;
      });

      handle.knobs.latencyMs = 20;
      const slowed = await timed(async () => {
        for (const virtualNodeName of names.slice(0, 10))
          await client.send(new DescribeVirtualNodeCommand({ meshName: 'bench', virtualNodeName }));
      });
      handle.knobs.latencyMs = 0;

      // The reconciler's default budget: 8 writes/s per account. A burst of 24 creates with SDK retries.
      await client.send(new CreateMeshCommand({ meshName: 'burst' }));
      handle.knobs.writeRate = { perSecond: 8, burst: 8 };
      handle.resetCalls();
      const retrying = appMeshClientFor(handle, { maxAttempts: 10 });
      const throttled = await timed(() =>
        Promise.allSettled(
          Array.from({ length: 24 }, (_, i) =>
            retrying.send(
              new CreateVirtualNodeCommand({ meshName: 'burst', virtualNodeName: `burst-${i}`, spec: {} }),
            ),
          ),
        ),
      );
      retrying.destroy();
      return {
        sequentialCreatesPerSecond: Math.round((nodes / create.ms) * 1000),
        concurrentDescribesPerSecond: Math.round((nodes / describe.ms) * 1000),
        tenDescribesWith20msLatency: Math.round(slowed.ms),
        listPages25: { items: list.value, ms: Math.round(list.ms) },
        throttledBurst: {
          creates: 24,
          succeeded: throttled.value.filter((r) => r.status === 'fulfilled').length,
          tooManyRequests: handle.calls.filter((c) => c.errorType === 'TooManyRequestsException').length,
          ms: Math.round(throttled.ms),
        },
      };
    } finally {
      client.destroy();
      await handle.close();
    }
  },
};

export default bench;
