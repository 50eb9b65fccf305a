import {
  DescribeVirtualNodeCommand,
  ListVirtualNodesCommand,
  UpdateVirtualNodeCommand,
} from '@aws-sdk/client-app-mesh';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createMeshApi } from '@meshcd/appmesh';
import { defaultTargetPolicy, MeshcdError, type Target } from '@meshcd/core';
import {
  type AppMeshEmulatorHandle,
  appMeshClientFor,
  type DynaliteHandle,
  type GitServerHandle,
  startAppMeshEmulator,
  startDynalite,
  startGitServer,
} from '@meshcd/emulators';
import type { GitPushTrigger } from '@meshcd/events';
import { KubeAccessError } from '@meshcd/kube';
import { fetchManifestTree } from '@meshcd/source';
import { createDynamoStateStore, createStateTable, type DynamoStateStore } from '@meshcd/state';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.ts';
import { createEventPublisher } from './event-publisher.ts';
import { handleGitPush } from './handle-git-push.ts';
import type { ReconcileTargetDeps } from './reconcile-target.ts';
import { captureEvents } from './testing/capture-events.ts';

/** One mesh per test world, so worlds sharing the emulator never contend for ownership. */
const mesh = (meshName: string) => `apiVersion: appmesh.k8s.aws/v1beta2
kind: Mesh
metadata: { name: ${meshName} }
spec:
  namespaceSelector: { matchLabels: { mesh: shop } }
---
apiVersion: v1
kind: Namespace
metadata: { name: shop, labels: { mesh: shop } }
`;
const node = (name: string) => `apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualNode
metadata: { name: ${name}, namespace: shop }
spec:
  listeners: [{ portMapping: { port: 8080, protocol: http } }]
  serviceDiscovery: { dns: { hostname: ${name}.shop } }
`;

let appMesh: AppMeshEmulatorHandle;
let dynamo: DynaliteHandle;
let git: GitServerHandle;
let tableSeq = 0;
let requests = 0;
/** One invocation of the reconciler for an event: every call is a new Lambda request. */
const inv = (eventId: string) => ({ eventId, requestId: `request-${++requests}` });

beforeAll(async () => {
  [appMesh, dynamo, git] = await Promise.all([startAppMeshEmulator(), startDynalite(), startGitServer()]);
});
afterAll(async () => {
  await Promise.all([appMesh?.close(), dynamo?.close(), git?.close()]);
});

const writes = () => appMesh.calls.filter((c) => /^(Create|Update|Delete|Tag|Untag)/.test(c.operation));

/** A fresh table, repository and target per test, sharing the servers. */
async function world() {
  const n = ++tableSeq;
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'us-west-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await createStateTable(client, `state-${n}`);
  const state: DynamoStateStore = createDynamoStateStore({ client, tableName: `state-${n}` });
  const repository = await git.createRepo(`mesh-${n}`);
  const target: Target = {
    id: `target-${n}`,
    source: { repository, branch: 'main', path: '.' },
    accountId: appMesh.accountId,
    region: 'us-west-2',
    policy: { ...defaultTargetPolicy },
  };
  const bus = captureEvents();
  const meshApi = createMeshApi({
    client: appMeshClientFor(appMesh),
    readRate: 10_000,
    writeRate: 10_000,
    burst: 1000,
  });
  let active = 0;
  let maxActive = 0;
  let runs = 0;
  const deps: ReconcileTargetDeps = {
    state,
    events: createEventPublisher(bus, 'bus'),
    meshApiFor: () => meshApi,
    // Counts reconciles in flight for the target: the lease must keep it at one.
    fetchSource: async (t, revision) => {
      active++;
      runs++;
      maxActive = Math.max(maxActive, active);
      try {
        return await fetchManifestTree({
          url: t.source.repository,
          ref: revision,
          branch: 'main',
          path: '.',
        });
      } finally {
        active--;
      }
    },
    logger: { info: () => {}, warn: () => {}, error: () => {} },
    newRunId: () => `run-${Math.random().toString(36).slice(2)}`,
    now: Date.now,
    reserveMs: 0,
    leaseTtlMs: 60_000,
  };
  const push = (revision: string, order: number, deliveryId = `d-${order}`): GitPushTrigger => ({
    type: 'git-push',
    provider: 'github',
    repository: `${repository.replace(/\.git$/, '')}/`,
    branch: 'main',
    revision,
    order,
    deliveryId,
  });
  const commit = (names: string[]) =>
    git.commit(`mesh-${n}`, {
      files: {
        'mesh.yaml': mesh(`shop-${n}`),
        ...Object.fromEntries(names.map((x) => [`nodes/${x}.yaml`, node(x)])),
      },
      replaceAll: true,
    });
  const nodeNames = async () => {
    const listed = await appMeshClientFor(appMesh).send(
      new ListVirtualNodesCommand({ meshName: `shop-${n}` }),
    );
    return listed.virtualNodes?.map((v) => v.virtualNodeName).sort();
  };
  return { state, target, bus, deps, push, commit, nodeNames, stats: () => ({ maxActive, runs }) };
}

describe('handleGitPush', () => {
  it('reconciles a push into its target and publishes Reconcile Succeeded with the plan summary', async () => {
    const w = await world();
    const revision = await w.commit(['api']);
    const results = await handleGitPush(w.push(revision, 1), inv('event-1'), [w.target], w.deps);
    expect(results).toMatchObject([
      { targetId: w.target.id, status: 'done', runs: [{ revision, status: 'succeeded' }] },
    ]);
    expect(await w.nodeNames()).toEqual(['api_shop']);
    const outcome = w.bus.events.find((e) => e.detailType === 'Reconcile Succeeded');
    expect(outcome?.detail).toMatchObject({ targetId: w.target.id, revision, summary: { create: 2 } });
    expect((await w.state.getLease(w.target.id))?.applied).toEqual({ revision, order: 1 });
  });

  it('observes everything after taking over from a run killed between its App Mesh write and its record, so a revert is written', async () => {
    const w = await world();
    const revA = await w.commit(['api']);
    expect(await handleGitPush(w.push(revA, 1), inv('event-a'), [w.target], w.deps)).toMatchObject([
      { status: 'done' },
    ]);
    // The run of the next revision wrote api's new port to App Mesh and was killed before recording it:
    // its lease expired still naming it, and neither the inventory nor the run log know of the write.
    await w.state.acquireLease(
      w.target.id,
      'killed',
      { revision: 'rev-b', order: 2 },
      Date.now() - 120_000,
      60_000,
    );
    const sdk = appMeshClientFor(appMesh);
    const node = { meshName: w.target.id.replace('target', 'shop'), virtualNodeName: 'api_shop' };
    const port = async () =>
      (await sdk.send(new DescribeVirtualNodeCommand(node))).virtualNode!.spec!.listeners![0]!.portMapping!
        .port;
    const spec = (await sdk.send(new DescribeVirtualNodeCommand(node))).virtualNode!.spec!;
    spec.listeners![0]!.portMapping!.port = 9090;
    await sdk.send(new UpdateVirtualNodeCommand({ ...node, spec }));
    expect(await port()).toBe(9090);

    // The next revision reverts it: Git and the inventory agree, App Mesh does not.
    const revC = await w.commit(['api']);
    const warnings: Array<{ message: string; fields: unknown }> = [];
    const logger = {
      ...w.deps.logger,
      warn: (message: string, fields?: unknown) => warnings.push({ message, fields }),
    };
    const results = await handleGitPush(w.push(revC, 3), inv('event-c'), [w.target], { ...w.deps, logger });
    expect(results).toMatchObject([{ status: 'done', runs: [{ revision: revC, status: 'succeeded' }] }]);
    expect(await port()).toBe(8080);
    expect(warnings).toContainEqual({
      message: expect.stringContaining('never settled'),
      fields: expect.objectContaining({ previousHolder: 'killed', fullObserve: 'previous-holder-unsettled' }),
    });
    sdk.destroy();
  });

  it('makes no writes and fetches nothing when a delivery is replayed', async () => {
    const w = await world();
    const revision = await w.commit(['api']);
    await handleGitPush(w.push(revision, 1), inv('event-1'), [w.target], w.deps);
    appMesh.resetCalls();
    const runsBefore = w.stats().runs;
    const replay = await handleGitPush(w.push(revision, 1), inv('event-1-replayed'), [w.target], w.deps);
    expect(replay).toMatchObject([{ status: 'up-to-date', runs: [] }]);
    expect(writes()).toEqual([]);
    expect(w.stats().runs).toBe(runsBefore);
  });

  it('ends five concurrent out-of-order pushes at the newest revision without overlapping reconciles', async () => {
    const w = await world();
    const revisions: string[] = [];
    for (let i = 1; i <= 5; i++)
      revisions.push(await w.commit(Array.from({ length: i }, (_, k) => `svc${k}`)));
    const arrival = [3, 1, 4, 0, 2];
    const results = await Promise.all(
      arrival.map((i) => handleGitPush(w.push(revisions[i]!, i + 1), inv(`event-${i}`), [w.target], w.deps)),
    );
    expect(w.stats().maxActive).toBe(1);
    const lease = await w.state.getLease(w.target.id);
    expect(lease?.applied).toEqual({ revision: revisions[4], order: 5 });
    expect(lease?.holder).toBeUndefined();
    expect(await w.nodeNames()).toEqual(['svc0_shop', 'svc1_shop', 'svc2_shop', 'svc3_shop', 'svc4_shop']);
    // Revisions applied by each holder only ever move forward.
    for (const r of results.flat()) {
      const orders = r.runs.map((run) => revisions.indexOf(run.revision));
      expect(orders).toEqual([...orders].sort((a, b) => a - b));
    }
  });

  it('reconciles nothing for a push to a branch no target follows', async () => {
    const w = await world();
    const revision = await w.commit(['api']);
    const results = await handleGitPush(
      { ...w.push(revision, 1), branch: 'feature' },
      inv('e'),
      [w.target],
      w.deps,
    );
    expect(results).toEqual([]);
    expect(w.bus.events).toEqual([]);
  });

  it('reports an unreachable revision as Reconcile Failed, records the failed run and releases the lease', async () => {
    const w = await world();
    await w.commit(['api']);
    const missing = 'f'.repeat(40);
    const results = await handleGitPush(w.push(missing, 1), inv('e'), [w.target], w.deps);
    expect(results).toMatchObject([{ status: 'done', runs: [{ status: 'failed' }] }]);
    const failed = w.bus.events.find((e) => e.detailType === 'Reconcile Failed');
    expect(failed?.detail).toMatchObject({
      targetId: w.target.id,
      revision: missing,
      errors: [{ phase: 'source' }],
    });
    const lease = await w.state.getLease(w.target.id);
    expect(lease?.holder).toBeUndefined();
    expect(lease?.failed).toEqual({ revision: missing, order: 1 });
    expect(lease?.applied).toBeUndefined();
    expect(await w.state.listRuns(w.target.id)).toMatchObject([
      {
        revision: missing,
        outcome: 'failed',
        errors: [{ phase: 'source', reason: 'not-found', retryable: false }],
      },
    ]);
  });

  it('keeps a refused revision visible as refused and failed, never applied, and still runs a newer push', async () => {
    const w = await world();
    const good = await w.commit(['api']);
    await handleGitPush(w.push(good, 1), inv('e-1'), [w.target], w.deps);
    const broken = await git.commit(`mesh-${tableSeq}`, {
      files: {
        'nodes/bad.yaml':
          'apiVersion: appmesh.k8s.aws/v1beta2\nkind: VirtualNode\nmetadata: { name: bad }\nspec: { listeners: 7 }\n',
      },
    });
    const refused = await handleGitPush(w.push(broken, 2), inv('e-2'), [w.target], w.deps);
    expect(refused).toMatchObject([{ status: 'done', runs: [{ revision: broken, status: 'refused' }] }]);
    expect(await w.state.getLease(w.target.id)).toMatchObject({
      applied: { revision: good, order: 1 },
      failed: { revision: broken, order: 2 },
    });
    expect((await w.state.listRuns(w.target.id))[0]).toMatchObject({ revision: broken, outcome: 'refused' });
    // A replay of the refused push is settled; a newer push runs and is applied.
    const replay = await handleGitPush(w.push(broken, 2), inv('e-2'), [w.target], w.deps);
    expect(replay).toMatchObject([{ status: 'up-to-date', runs: [] }]);
    const fixed = await w.commit(['api', 'web']);
    const newer = await handleGitPush(w.push(fixed, 3), inv('e-3'), [w.target], w.deps);
    expect(newer).toMatchObject([{ status: 'done', runs: [{ revision: fixed, status: 'succeeded' }] }]);
    expect(await w.state.getLease(w.target.id)).toMatchObject({
      applied: { revision: fixed, order: 3 },
      failed: { revision: broken, order: 2 },
    });
    expect(await w.nodeNames()).toEqual(['api_shop', 'web_shop']);
  });

  it('records a failed run when the namespace of a node is unresolved, and when observing App Mesh fails', async () => {
    const w = await world();
    const orphan = await git.commit(`mesh-${tableSeq}`, {
      files: {
        'mesh.yaml': mesh(`shop-${tableSeq}`),
        'nodes/x.yaml': node('x').replace('namespace: shop', 'namespace: elsewhere'),
      },
      replaceAll: true,
    });
    await handleGitPush(w.push(orphan, 1), inv('e-1'), [w.target], w.deps).catch(() => undefined);
    expect((await w.state.listRuns(w.target.id))[0]).toMatchObject({
      revision: orphan,
      outcome: 'failed',
      errors: [{ phase: 'desired', reason: 'namespace-unresolved' }],
    });
    const good = await w.commit(['api']);
    appMesh.knobs.faults['*'] = { errorType: 'ForbiddenException', times: 1 };
    try {
      await handleGitPush(w.push(good, 2), inv('e-2'), [w.target], w.deps).catch(() => undefined);
    } finally {
      delete appMesh.knobs.faults['*'];
    }
    const [observed] = await w.state.listRuns(w.target.id);
    expect(observed).toMatchObject({ revision: good, outcome: 'failed' });
    expect(observed?.errors).toHaveLength(1);
    expect(JSON.stringify(observed?.errors)).toMatch(/Forbidden/i);
  });

  it('releases the lease on a transient failure, so the retry runs at once as a new invocation', async () => {
    const w = await world();
    const revision = await w.commit(['api']);
    let failures = 1;
    const flaky: ReconcileTargetDeps = {
      ...w.deps,
      fetchSource: async (t, ref) => {
        if (failures-- > 0) {
          throw new MeshcdError({
            phase: 'source',
            reason: 'unreachable',
            retryable: true,
            message: 'reset',
          });
        }
        return w.deps.fetchSource(t, ref);
      },
    };
    await expect(handleGitPush(w.push(revision, 1), inv('e-1'), [w.target], flaky)).rejects.toMatchObject({
      reason: 'unreachable',
    });
    expect((await w.state.getLease(w.target.id))?.holder).toBeUndefined();
    expect((await w.state.listRuns(w.target.id))[0]).toMatchObject({
      outcome: 'failed',
      errors: [{ phase: 'source', reason: 'unreachable', retryable: true }],
    });
    const retried = await handleGitPush(w.push(revision, 1), inv('e-1'), [w.target], flaky);
    expect(retried).toMatchObject([{ status: 'done', runs: [{ status: 'succeeded' }] }]);
    expect((await w.state.getLease(w.target.id))?.applied).toEqual({ revision, order: 1 });
  });

  it('runs one reconcile for two concurrent deliveries of the same EventBridge event', async () => {
    const w = await world();
    const revision = await w.commit(['api']);
    const twice = await Promise.all([
      handleGitPush(w.push(revision, 1), inv('same-event'), [w.target], w.deps),
      handleGitPush(w.push(revision, 1), inv('same-event'), [w.target], w.deps),
    ]);
    expect(
      twice
        .flat()
        .map((r) => r.status)
        .sort(),
    ).toEqual(['done', 'queued']);
    expect(w.stats()).toEqual({ maxActive: 1, runs: 1 });
  });

  it('ends pushes made in the same second at the newest, whatever order they are delivered in', async () => {
    const w = await world();
    const revisions: string[] = [];
    for (let i = 1; i <= 3; i++)
      revisions.push(await w.commit(Array.from({ length: i }, (_, k) => `svc${k}`)));
    // GitHub's pushed_at has whole seconds: all three carry the same order, and arrive newest first.
    for (const [i, revision] of [...revisions.entries()].reverse()) {
      await handleGitPush(w.push(revision, 5_000, `d-${i}`), inv(`e-${i}`), [w.target], w.deps);
    }
    const lease = await w.state.getLease(w.target.id);
    expect(lease?.applied).toMatchObject({ revision: revisions[2], order: 5_000 });
    expect(await w.nodeNames()).toEqual(['svc0_shop', 'svc1_shop', 'svc2_shop']);
  });

  it('reports a cluster it may not reach (KubeAccessError) as Reconcile Failed instead of retrying it', async () => {
    const w = await world();
    const revision = await w.commit(['api']);
    const denied = new KubeAccessError(
      'describe',
      'ClusterAccessDenied',
      'eks:DescribeCluster denied',
      false,
    );
    const deps = { ...w.deps, clusterFor: () => Promise.reject(denied) };
    const results = await handleGitPush(w.push(revision, 1), inv('e'), [w.target], deps);
    expect(results).toMatchObject([{ status: 'done', runs: [{ status: 'failed' }] }]);
    const failed = w.bus.events.find((e) => e.detailType === 'Reconcile Failed');
    expect(failed?.detail).toMatchObject({ errors: [{ phase: 'cluster', reason: 'ClusterAccessDenied' }] });
  });

  it('reports a configuration error (ConfigError) as Reconcile Failed instead of retrying it', async () => {
    const w = await world();
    const revision = await w.commit(['api']);
    const deps = {
      ...w.deps,
      meshApiFor: () => Promise.reject(new ConfigError('MESHCD_TARGETS', '[0].region: not a region')),
    };
    const results = await handleGitPush(w.push(revision, 1), inv('e'), [w.target], deps);
    expect(results).toMatchObject([{ status: 'done', runs: [{ status: 'failed' }] }]);
    const failed = w.bus.events.find((e) => e.detailType === 'Reconcile Failed');
    expect(failed?.detail).toMatchObject({ errors: [{ phase: 'config', reason: 'invalid-config' }] });
  });

  it('stops at a wave boundary near the deadline, keeps the lease and finishes in its continuation', async () => {
    const w = await world();
    const revision = await w.commit(['api', 'web']);
    // Time for the first wave (the Mesh) only.
    const clock = [10_000];
    const remainingMs = () => clock.shift() ?? 0;
    const first = await handleGitPush(w.push(revision, 1), inv('event-7'), [w.target], {
      ...w.deps,
      remainingMs,
      reserveMs: 5_000,
    });
    expect(first).toMatchObject([{ status: 'continued' }]);
    expect(await w.nodeNames()).toEqual([]);
    const continuation = w.bus.events.find((e) => e.detailType === 'Git Push');
    expect(continuation?.detail).toMatchObject({
      revision,
      order: 1,
      deliveryId: expect.stringMatching(/^continuation:event:event-7\//),
    });
    expect(w.bus.events.find((e) => e.detailType === 'Reconcile Succeeded')?.detail).toMatchObject({
      continued: true,
    });
    // Another push meanwhile only queues behind the held lease.
    const other = await handleGitPush(w.push(revision, 1), inv('event-8'), [w.target], w.deps);
    expect(other).toMatchObject([{ status: 'queued' }]);

    const resumed = await handleGitPush(
      { ...w.push(revision, 1), deliveryId: String(continuation?.detail.deliveryId) },
      inv('event-9'),
      [w.target],
      w.deps,
    );
    expect(resumed).toMatchObject([{ status: 'done' }]);
    expect(await w.nodeNames()).toEqual(['api_shop', 'web_shop']);
    expect((await w.state.getLease(w.target.id))?.holder).toBeUndefined();
  });
});
