import {
  DescribeVirtualNodeCommand,
  UpdateVirtualNodeCommand,
  type VirtualNodeSpec,
} from '@aws-sdk/client-app-mesh';
import { createMeshApi } from '@meshcd/appmesh';
import { type ClusterApi, defaultTargetPolicy, MeshcdError, reconcile, type Target } from '@meshcd/core';
import { type AppMeshEmulatorHandle, appMeshClientFor, startAppMeshEmulator } from '@meshcd/emulators';
import { type AppMeshApiCallTrigger, normalizeEvent, type ScheduleTrigger } from '@meshcd/events';
import { MemoryStateStore } from '@meshcd/state';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultResolvedLimits } from '../../core/src/drift/quota-limits-source.ts';
import { createEventPublisher } from './event-publisher.ts';
import { type HandleDriftEventDeps, handleDriftEvent } from './handle-drift-event.ts';
import { captureEvents } from './testing/capture-events.ts';

let appMesh: AppMeshEmulatorHandle;
let worlds = 0;

beforeAll(async () => {
  appMesh = await startAppMeshEmulator();
});
afterAll(() => appMesh?.close());

const manifests = (meshName: string) => [
  {
    path: 'mesh.yaml',
    content: `apiVersion: appmesh.k8s.aws/v1beta2
kind: Mesh
metadata: { name: ${meshName} }
spec:
  namespaceSelector: { matchLabels: { mesh: ${meshName} } }
---
apiVersion: v1
kind: Namespace
metadata: { name: shop, labels: { mesh: ${meshName} } }
`,
  },
  ...['cart', 'pay'].map((name) => ({
    path: `${name}.yaml`,
    content: `apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualNode
metadata: { name: ${name}, namespace: shop }
spec:
  listeners: [{ portMapping: { port: 8080, protocol: http } }]
  serviceDiscovery: { dns: { hostname: ${name}.shop } }
`,
  })),
];

const rev1 = 'a'.repeat(40);
const rev2 = 'b'.repeat(40);
const ownRole = 'arn:aws:iam::111122223333:role/meshcd-reconcile';

/** A mesh applied by meshcd into the shared emulator, its own store and bus: one target's world. */
async function world(policy: Partial<Target['policy']> = {}, extra: Partial<HandleDriftEventDeps> = {}) {
  const n = ++worlds;
  const meshName = `drift-${n}`;
  const target: Target = {
    id: `target-${n}`,
    source: { repository: `https://git.example/mesh-${n}.git`, branch: 'main', path: '.' },
    accountId: appMesh.accountId,
    region: appMesh.region,
    policy: { ...defaultTargetPolicy, ...policy },
  };
  const mesh = createMeshApi({
    client: appMeshClientFor(appMesh, { maxAttempts: 1 }),
    readRate: 10_000,
    writeRate: 10_000,
    burst: 1000,
  });
  const state = new MemoryStateStore();
  let clock = Date.parse('2026-03-01T00:00:00.000Z');
  const now = () => (clock += 1000);
  const applied = await reconcile({
    target,
    revision: rev1,
    files: manifests(meshName),
    mode: 'apply',
    mesh,
    state,
    runId: 'apply-1',
    now: () => new Date(now()),
  });
  expect(applied.status).toBe('succeeded');
  const bus = captureEvents();
  let runs = 0;
  const deps: HandleDriftEventDeps = {
    state,
    events: createEventPublisher(bus, 'bus'),
    meshApiFor: () => mesh,
    ownRoleArns: [ownRole],
    logger: { info: () => {}, error: () => {} },
    newRunId: () => `drift-run-${++runs}`,
    now,
    requestId: `request-${n}`,
    leaseTtlMs: 60_000,
    ...extra,
  };
  const sdk = appMeshClientFor(appMesh);
  const describeNode = async (name: string) =>
    (await sdk.send(new DescribeVirtualNodeCommand({ meshName, virtualNodeName: name }))).virtualNode!;
  /** Someone with console access moves a node's listener to another port. */
  const movePort = async (name: string, port: number) => {
    const spec = (await describeNode(name)).spec as VirtualNodeSpec;
    spec.listeners![0]!.portMapping!.port = port;
    await sdk.send(new UpdateVirtualNodeCommand({ meshName, virtualNodeName: name, spec }));
  };
  const schedule = (check: ScheduleTrigger['check'] = 'drift'): ScheduleTrigger => ({
    type: 'schedule',
    check,
    time: new Date(clock).toISOString(),
    eventId: `schedule-${n}`,
  });
  const apiCall = (name: string, who: Partial<AppMeshApiCallTrigger> = {}): AppMeshApiCallTrigger => ({
    type: 'appmesh-api-call',
    eventName: 'UpdateVirtualNode',
    meshName,
    resourceKind: 'VirtualNode',
    resourceName: name,
    userIdentityArn: `arn:aws:sts::${appMesh.accountId}:assumed-role/Admin/alice`,
    sessionIssuerArn: `arn:aws:iam::${appMesh.accountId}:role/Admin`,
    accountId: appMesh.accountId,
    region: appMesh.region,
    eventTime: new Date(clock).toISOString(),
    eventId: `cloudtrail-${n}`,
    ...who,
  });
  const run = (trigger: AppMeshApiCallTrigger | ScheduleTrigger) => handleDriftEvent(trigger, [target], deps);
  return { target, meshName, state, bus, deps, describeNode, movePort, schedule, apiCall, run };
}

describe('handleDriftEvent', () => {
  it('announces an out-of-band change once and stays silent on the next unchanged scheduled run', async () => {
    const w = await world();
    expect((await w.run(w.schedule())).checks).toMatchObject([{ scope: 'full', emitted: [] }]);
    await w.movePort('cart_shop', 9090);
    const first = await w.run(w.schedule());
    expect(first.checks).toMatchObject([
      { targetId: w.target.id, scope: 'full', emitted: ['Drift Detected'] },
    ]);
    expect(w.bus.events).toMatchObject([
      {
        source: 'meshcd.reconciler',
        detailType: 'Drift Detected',
        busName: 'bus',
        detail: {
          targetId: w.target.id,
          revision: rev1,
          summary: { Modified: 1 },
          resources: [{ key: `appmesh:${w.meshName}/VirtualNode/cart_shop`, state: 'Modified' }],
        },
      },
    ]);
    const second = await w.run(w.schedule());
    expect(second.checks).toMatchObject([{ scope: 'full', emitted: [] }]);
    expect(w.bus.events).toHaveLength(1);
    expect(await w.state.listDriftHistory(w.target.id)).toHaveLength(3);
  });

  it('checks only the touched resource when another principal changed it', async () => {
    const w = await world();
    await w.run(w.schedule());
    await w.movePort('pay_shop', 9191);
    const arn = (await w.describeNode('pay_shop')).metadata!.arn!;
    appMesh.resetCalls();
    const result = await w.run(w.apiCall('pay_shop'));
    expect(result.checks).toMatchObject([{ scope: 'resource', emitted: ['Drift Detected'] }]);
    expect(appMesh.calls.map((c) => [c.operation, c.input.virtualNodeName ?? c.input.resourceArn])).toEqual([
      ['DescribeVirtualNode', 'pay_shop'],
      ['ListTagsForResource', arn],
    ]);
    expect(w.bus.events.map((e) => e.detail.resources)).toEqual([
      [expect.objectContaining({ key: `appmesh:${w.meshName}/VirtualNode/pay_shop`, state: 'Modified' })],
    ]);
  });

  it('ignores App Mesh calls made by meshcd’s own role, by session issuer or by session ARN', async () => {
    const w = await world();
    await w.run(w.schedule());
    await w.movePort('cart_shop', 9090);
    appMesh.resetCalls();
    const byIssuer = await w.run(w.apiCall('cart_shop', { sessionIssuerArn: ownRole }));
    const bySession = await w.run(
      w.apiCall('cart_shop', {
        userIdentityArn: 'arn:aws:sts::111122223333:assumed-role/meshcd-reconcile/meshcd-Reconcile',
        sessionIssuerArn: undefined,
      } as Partial<AppMeshApiCallTrigger>),
    );
    expect([byIssuer, bySession]).toEqual([
      { skipped: 'own-call', checks: [] },
      { skipped: 'own-call', checks: [] },
    ]);
    expect(appMesh.calls).toEqual([]);
    expect(w.bus.events).toEqual([]);
  });

  it('leaves a call on a mesh no target manages alone', async () => {
    const w = await world();
    appMesh.resetCalls();
    const result = await w.run(w.apiCall('cart_shop', { meshName: 'someone-elses' }));
    expect(result).toEqual({ skipped: 'unmanaged-mesh', checks: [] });
    expect(appMesh.calls).toEqual([]);
  });

  it('restores the last applied spec of a target that opted into self-heal', async () => {
    const w = await world({ selfHeal: true });
    await w.movePort('cart_shop', 9090);
    const result = await w.run(w.schedule());
    expect(result.checks).toMatchObject([{ healed: true, emitted: ['Drift Detected'] }]);
    const spec = (await w.describeNode('cart_shop')).spec as VirtualNodeSpec;
    expect(spec.listeners![0]!.portMapping!.port).toBe(8080);
  });

  it('holds the target’s lease while it heals, and hands on a push that queued behind it', async () => {
    const w = await world({ selfHeal: true });
    await w.movePort('cart_shop', 9090);
    const seen: string[] = [];
    const inner = w.deps.state;
    const state: typeof inner = Object.create(inner);
    state.acquireLease = async (...args) => {
      const answer = await inner.acquireLease(...args);
      seen.push(`acquire ${args[1]} ${answer.acquired}`);
      return answer;
    };
    state.releaseLease = async (targetId, holder) => {
      // The heal has written by now, under the lease; a push that arrives meanwhile queues.
      const updates = appMesh.calls.filter((c) => c.operation === 'UpdateVirtualNode' && c.status === 200);
      seen.push(`updates ${updates.length}`);
      const queued = await inner.acquireLease(
        targetId,
        'event:push-2',
        { revision: rev2, order: 2 },
        w.deps.now(),
        60_000,
      );
      seen.push(`push-2 ${queued.acquired}`);
      return inner.releaseLease(targetId, holder);
    };
    appMesh.resetCalls();
    const result = await handleDriftEvent(w.schedule(), [w.target], { ...w.deps, state });
    expect(result.checks).toMatchObject([{ healed: true }]);
    const holder = `heal:${w.schedule().eventId}/${w.deps.requestId}`;
    expect(seen).toEqual([`acquire ${holder} true`, 'updates 1', 'push-2 false']);
    expect((await inner.getLease(w.target.id))?.holder).toBeUndefined();
    expect(w.bus.events.find((e) => e.detailType === 'Git Push')?.detail).toMatchObject({
      revision: rev2,
      order: 2,
      deliveryId: `requeue:${holder}`,
    });
  });

  it('does not self-heal while another invocation holds the lease', async () => {
    const w = await world({ selfHeal: true });
    await w.state.acquireLease(w.target.id, 'event:busy', undefined, Date.now(), 3.6e12);
    await w.movePort('cart_shop', 9090);
    const result = await w.run(w.schedule());
    expect(result.checks).toMatchObject([{ healed: false, emitted: ['Drift Detected'] }]);
    const spec = (await w.describeNode('cart_shop')).spec as VirtualNodeSpec;
    expect(spec.listeners![0]!.portMapping!.port).toBe(9090);
  });

  it('does not self-heal over a newer revision that is wanted but not applied yet', async () => {
    const w = await world({ selfHeal: true });
    await w.state.acquireLease(w.target.id, 'push-2', { revision: rev2, order: 2 }, 0, 1);
    await w.movePort('cart_shop', 9090);
    const result = await w.run(w.schedule());
    expect(result.checks).toMatchObject([{ healed: false, emitted: ['Drift Detected'] }]);
    const spec = (await w.describeNode('cart_shop')).spec as VirtualNodeSpec;
    expect(spec.listeners![0]!.portMapping!.port).toBe(9090);
  });

  it('announces a quota threshold from the account’s limits once, when usage first reaches it', async () => {
    const limits = { resolve: async () => defaultResolvedLimits({ virtualNodesPerMesh: 2 }) };
    const w = await world({}, { quotaLimitsFor: () => limits });
    const first = await w.run(w.schedule('quota'));
    expect(first.checks).toMatchObject([{ emitted: ['Quota Threshold Reached'] }]);
    expect(w.bus.events).toMatchObject([
      {
        detailType: 'Quota Threshold Reached',
        detail: {
          targetId: w.target.id,
          meshName: w.meshName,
          quota: { limit: 2, usage: 2, code: 'L-E043DFB4' },
          threshold: 1,
        },
      },
    ]);
    await w.run(w.schedule('quota'));
    expect(w.bus.events).toHaveLength(1);
  });

  it('publishes a Git Push continuation for a revision wanted but never applied once its lease expired', async () => {
    const w = await world();
    // A reconcile took the lease for rev-2 and died without applying it; its lease expired at 1 ms.
    await w.state.acquireLease(w.target.id, 'event:lost', { revision: rev2, order: 2 }, 0, 1);
    const result = await w.run(w.schedule('reconcile'));
    expect(result.checks).toEqual([
      { targetId: w.target.id, emitted: [], healed: false, swept: { revision: rev2, order: 2 } },
    ]);
    expect(w.bus.events).toHaveLength(1);
    const [event] = w.bus.events;
    const trigger = normalizeEvent({
      version: '0',
      id: 'e-1',
      'detail-type': event!.detailType,
      source: event!.source,
      account: appMesh.accountId,
      time: '2026-03-01T00:00:00Z',
      region: appMesh.region,
      detail: event!.detail,
    });
    expect(trigger).toMatchObject({
      type: 'git-push',
      repository: w.target.source.repository,
      branch: 'main',
      revision: rev2,
      order: 2,
      deliveryId: `sweep:${w.schedule().eventId}`,
    });
  });

  it('leaves a wanted revision to the reconcile that still holds the lease', async () => {
    const w = await world();
    await w.state.acquireLease(w.target.id, 'event:busy', { revision: rev2, order: 2 }, Date.now(), 3.6e12);
    const result = await w.run(w.schedule('reconcile'));
    expect(result.checks).toEqual([{ targetId: w.target.id, emitted: [], healed: false }]);
    expect(w.bus.events).toEqual([]);
  });

  it('skips a schedule naming a target this deployment does not have', async () => {
    const w = await world();
    const result = await w.run({ ...w.schedule(), targetId: 'nowhere' });
    expect(result).toEqual({ skipped: 'unknown-target', checks: [] });
  });
  it('checks the other targets when one fails transiently, then throws so the schedule retries', async () => {
    const healthy = await world();
    const failing: Target = { ...healthy.target, id: 'unreachable' };
    const throttled = new MeshcdError({
      phase: 'observe',
      reason: 'throttled',
      retryable: true,
      message: 'slow down',
    });
    const meshFor = healthy.deps.meshApiFor;
    await healthy.movePort('cart_shop', 9090);
    const deps: HandleDriftEventDeps = {
      ...healthy.deps,
      meshApiFor: (t) => (t.id === failing.id ? Promise.reject(throttled) : meshFor(t)),
    };
    await expect(handleDriftEvent(healthy.schedule(), [failing, healthy.target], deps)).rejects.toBe(
      throttled,
    );
    // Meshes of earlier tests share the emulator's account, so its mesh quota may be announced too.
    const drift = healthy.bus.events.filter((e) => e.detailType !== 'Quota Threshold Reached');
    expect(drift.map((e) => [e.detailType, e.detail.targetId])).toEqual([
      ['Drift Detected', healthy.target.id],
    ]);
  });

  /**
   * A target whose check fails before App Mesh is read, so no mesh is applied for it (the emulator's
   * per-account mesh quota is shared by every world of this file).
   */
  const unchecked = (failure: Error, where: 'meshApiFor' | 'clusterFor') => {
    const target: Target = {
      id: 'unchecked',
      source: { repository: 'https://git.example/unchecked.git', branch: 'main', path: '.' },
      accountId: appMesh.accountId,
      region: appMesh.region,
      policy: { ...defaultTargetPolicy },
    };
    const state = new MemoryStateStore();
    const bus = captureEvents();
    let clock = Date.parse('2026-03-01T00:00:00.000Z');
    const deps: HandleDriftEventDeps = {
      state,
      events: createEventPublisher(bus, 'bus'),
      meshApiFor: () => Promise.reject(new Error('App Mesh is not reached in this test')),
      [where]: () => Promise.reject(failure),
      ownRoleArns: [],
      logger: { info: () => {}, error: () => {} },
      newRunId: () => 'drift-run',
      now: () => (clock += 1000),
      requestId: 'request-unchecked',
      leaseTtlMs: 60_000,
    };
    const schedule: ScheduleTrigger = {
      type: 'schedule',
      check: 'drift',
      time: '2026-03-01T00:00:00.000Z',
      eventId: 'schedule-unchecked',
    };
    return { target, state, bus, run: () => handleDriftEvent(schedule, [target], deps) };
  };

  it('sweeps a stuck lease even when the drift check of the target fails', async () => {
    const denied = Object.assign(new Error('not authorized to perform: eks:DescribeCluster'), {
      name: 'AccessDeniedException',
    });
    const w = unchecked(denied, 'clusterFor');
    await w.state.acquireLease(w.target.id, 'event:lost', { revision: rev2, order: 2 }, 0, 1);
    const result = await w.run();
    expect(result.checks).toMatchObject([
      {
        targetId: w.target.id,
        error: { reason: 'AccessDeniedException', retryable: false },
        swept: { revision: rev2, order: 2 },
      },
    ]);
    expect(w.bus.events.map((e) => e.detailType)).toEqual(['Git Push']);
  });

  it('reports AWS NotFound and AccessDenied as terminal instead of retrying them', async () => {
    const missing = Object.assign(new Error('No mesh found.'), { name: 'NotFoundException' });
    const w = unchecked(missing, 'meshApiFor');
    const result = await w.run();
    expect(result.checks).toMatchObject([
      { targetId: w.target.id, error: { reason: 'NotFoundException', retryable: false } },
    ]);
  });

  it('reports a terminal failure of one target and still checks the others', async () => {
    const healthy = await world();
    const failing: Target = { ...healthy.target, id: 'denied' };
    const denied = new MeshcdError({ phase: 'observe', reason: 'access-denied', message: 'not allowed' });
    const meshFor = healthy.deps.meshApiFor;
    const deps: HandleDriftEventDeps = {
      ...healthy.deps,
      meshApiFor: (t) => (t.id === failing.id ? Promise.reject(denied) : meshFor(t)),
    };
    const result = await handleDriftEvent(healthy.schedule(), [failing, healthy.target], deps);
    expect(result.checks).toMatchObject([
      { targetId: 'denied', error: { phase: 'observe', reason: 'access-denied', retryable: false } },
      { targetId: healthy.target.id, scope: 'full' },
    ]);
  });

  it('reads the target’s cluster on a full check and announces a deleted cluster object, but not on a targeted one', async () => {
    const listed: string[] = [];
    // A cluster where the Service meshcd applied is gone.
    const cluster: ClusterApi = {
      listNamespaces: async () => [{ name: 'shop', labels: {} }],
      get: async () => undefined,
      list: async (query) => {
        listed.push(query.kind);
        return [];
      },
      apply: async () => {
        throw new Error('a drift check with self-heal off writes nothing');
      },
      delete: async () => {},
      setPodCondition: async () => {},
      detectMeshController: async () => undefined,
    };
    const targets: Target[] = [];
    const clusterFor = async (t: Target) => {
      targets.push(t);
      return cluster;
    };
    const w = await world({}, { clusterFor });
    const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'cart', namespace: 'shop' } };
    await w.state.putInventory({
      targetId: w.target.id,
      provider: 'kube',
      key: 'kube:shop//Service/cart',
      apiVersion: 'v1',
      kind: 'Service',
      namespace: 'shop',
      name: 'cart',
      version: '7',
      specHash: 'h',
      lastAppliedSpec: service,
      sourceRevision: rev1,
      updatedAt: new Date(0).toISOString(),
    });
    const result = await w.run(w.schedule());
    expect(result.checks).toMatchObject([
      { scope: 'full', emitted: expect.arrayContaining(['Drift Detected']) },
    ]);
    expect(targets.map((t) => t.id)).toEqual([w.target.id]);
    expect(listed).toEqual(['Service']);
    expect(w.bus.events.find((e) => e.detailType === 'Drift Detected')?.detail.resources).toEqual([
      expect.objectContaining({ key: 'kube:shop//Service/cart', state: 'Missing' }),
    ]);

    await w.movePort('cart_shop', 9090);
    await w.run(w.apiCall('cart_shop'));
    expect(targets).toHaveLength(1);
  });
});
