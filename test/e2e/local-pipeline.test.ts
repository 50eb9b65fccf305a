import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeRouteCommand } from '@aws-sdk/client-app-mesh';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { localAdminToken, localEksMode, localTableName, localTarget, startLocalPipeline } from '@meshcd/cli';
import {
  type AppMeshEmulatorHandle,
  appMeshClientFor,
  type KubeEmulatorHandle,
  startAppMeshEmulator,
  startKubeEmulator,
  startLocalStack,
} from '@meshcd/emulators';
import { createDynamoStateStore } from '@meshcd/state';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { corpusDir, hasShared } from '../corpus/corpus.ts';
import { deliver, gitHubPush } from './github-webhook.ts';

interface DeploymentJson {
  spec: {
    template: {
      spec: { containers: Array<{ name: string; env?: Array<{ name: string; value?: string }> }> };
    };
  };
}

/** A request to the cluster as its administrator (the EKS-mode emulator refuses anonymous callers). */
const asAdmin = (url: string, init: RequestInit = {}) =>
  fetch(url, { ...init, headers: { ...init.headers, authorization: `Bearer ${localAdminToken}` } });

const writes = (emulator: AppMeshEmulatorHandle) =>
  emulator.calls.filter((c) => /^(Create|Update|Delete|Tag|Untag)/.test(c.operation));

/**
 * The deployed system on one machine, end to end: a signed GitHub webhook reaches the ingest function,
 * becomes a `Git Push` on the local EventBridge, the reconcile function fetches the revision from the
 * git server and converges the App Mesh emulator, recording the inventory in DynamoDB. The cluster is
 * the Kubernetes emulator in EKS mode: the functions reach it with DescribeCluster and presigned-STS
 * tokens, checked as aws-iam-authenticator checks them, under the access entry infra creates.
 */
describe.runIf(hasShared())('local pipeline: webhook → bus → reconcile → App Mesh', () => {
  let stack: Awaited<ReturnType<typeof startLocalStack>>;
  let pipeline: Awaited<ReturnType<typeof startLocalPipeline>>;
  let emulator: AppMeshEmulatorHandle;
  let kube: KubeEmulatorHandle;
  let repository: string;
  const secret = 'e2e-secret';
  let pushedAt = 1_800_000_000;
  const manifest = hasShared()
    ? readFileSync(join(corpusDir, 'howto-k8s-http-headers/v1beta2-manifest.yaml'), 'utf8')
    : '';

  const push = async (files: Record<string, string | null>, options: { sign?: string | undefined } = {}) => {
    const revision = await stack.git.commit('mesh-config', { files, replaceAll: true });
    pushedAt += 10;
    const body = gitHubPush({ cloneUrl: repository, revision, pushedAt });
    const response = await deliver(pipeline.webhook, body, 'sign' in options ? options.sign : secret);
    await pipeline.eventBus.bus.drain();
    return { revision, response, body };
  };
  const inventory = () => {
    const client = new DynamoDBClient({
      endpoint: stack.endpoints.dynamodb!,
      region: 'us-west-2',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    return createDynamoStateStore({ client, tableName: localTableName })
      .listInventory('local')
      .then((entries) => entries.filter((e) => e.key.startsWith('appmesh:')));
  };

  beforeAll(async () => {
    stack = await startLocalStack({
      services: {
        appmesh: async () => {
          emulator = await startAppMeshEmulator();
          return emulator;
        },
        kube: async () => {
          kube = await startKubeEmulator({ eks: localEksMode(localTarget(emulator.accountId)) });
          return kube;
        },
      },
    });
    repository = await stack.git.createRepo('mesh-config');
    pipeline = await startLocalPipeline({
      appmesh: emulator.endpoint,
      dynamodb: stack.endpoints.dynamodb!,
      kube: kube.endpoint,
      eks: true,
      targets: [localTarget(emulator.accountId, repository)],
      webhookSecret: secret,
      tableName: localTableName,
    });
  });
  afterAll(async () => {
    await pipeline?.close();
    await stack?.close();
  });

  it('converges the mesh from a signed push and records every resource in the inventory', async () => {
    const { response, revision } = await push({ 'mesh.yaml': manifest });
    expect(response.status).toBe(202);
    const created = writes(emulator).filter((c) => c.operation.startsWith('Create'));
    expect(created).toHaveLength(14);
    const entries = await inventory();
    expect(entries).toHaveLength(14);
    expect(new Set(entries.map((e) => e.sourceRevision))).toEqual(new Set([revision]));
    const outcomes = pipeline.eventBus.bus.published.filter((e) => e.source === 'meshcd.reconciler');
    expect(outcomes.at(-1)?.['detail-type']).toBe('Reconcile Succeeded');

    // The cluster side converged in the same run: the workload carries the Envoy of its virtual node.
    const live = await asAdmin(
      `${kube.endpoint}/apis/apps/v1/namespaces/howto-k8s-http-headers/deployments/blue`,
    );
    const blue = (await live.json()) as DeploymentJson;
    const envoy = blue.spec.template.spec.containers.find((c) => c.name === 'envoy');
    expect(envoy?.env).toContainEqual({
      name: 'APPMESH_RESOURCE_ARN',
      value: `arn:aws:appmesh:us-west-2:${emulator.accountId}:mesh/howto-k8s-http-headers/virtualNode/blue_howto-k8s-http-headers`,
    });
  });

  it('rejects a forged or unsigned webhook and changes nothing', async () => {
    emulator.resetCalls();
    const before = pipeline.eventBus.bus.published.length;
    const forged = await push(
      { 'mesh.yaml': manifest.replace(/weight: 1\b/g, 'weight: 7') },
      { sign: 'not-the-secret' },
    );
    expect(forged.response.status).toBe(401);
    const unsigned = await push({ 'mesh.yaml': '' }, { sign: undefined });
    expect(unsigned.response.status).toBe(401);
    expect(writes(emulator)).toEqual([]);
    expect(pipeline.eventBus.bus.published.length).toBe(before);
  });

  it('refuses an oversize body with 413 before reading it', async () => {
    const huge = gitHubPush({ cloneUrl: repository, revision: 'a'.repeat(40) }).replace(
      '"commits":[]',
      `"commits":["${'x'.repeat(2 * 1024 * 1024)}"]`,
    );
    const response = await deliver(pipeline.webhook, huge, secret);
    expect(response.status).toBe(413);
  });

  it('applies a second push that changes route weights, and a replayed delivery makes no writes', async () => {
    emulator.resetCalls();
    const changed = manifest.replace(/weight: 1\b/g, 'weight: 3');
    const { body } = await push({ 'mesh.yaml': changed });
    const updates = writes(emulator);
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.every((c) => c.operation === 'UpdateRoute')).toBe(true);

    emulator.resetCalls();
    const replay = await deliver(pipeline.webhook, body, secret, 'replayed-delivery');
    const again = await deliver(pipeline.webhook, body, secret, 'replayed-delivery');
    await pipeline.eventBus.bus.drain();
    expect(replay.status).toBe(202);
    expect(again.status).toBe(200);
    expect(again.body.outcome).toBe('duplicate');
    expect(writes(emulator)).toEqual([]);
  });

  it('converges when the reconcile fails midway and EventBridge redelivers the event', async () => {
    // More consecutive failures than the function's own retries absorb: the first delivery gives up
    // midway with a transient error, and the bus's redelivery, as the same lease holder, finishes.
    emulator.resetCalls();
    emulator.knobs.faults.CreateVirtualNode = { errorType: 'ServiceUnavailableException', times: 45 };
    const outcomesBefore = pipeline.eventBus.bus.published.length;
    await push({ 'mesh.yaml': manifest, 'extra.yaml': extraNodes(5) });
    delete emulator.knobs.faults.CreateVirtualNode;

    const failedCreates = emulator.calls.filter(
      (c) => c.operation === 'CreateVirtualNode' && c.status === 503,
    );
    expect(failedCreates).toHaveLength(45);
    const outcomes = pipeline.eventBus.bus.published
      .slice(outcomesBefore)
      .filter((e) => e.source === 'meshcd.reconciler')
      .map((e) => e['detail-type']);
    expect(outcomes).toEqual(['Reconcile Failed', 'Reconcile Succeeded']);
    expect(pipeline.eventBus.bus.deadLetters).toEqual([]);
    const extra = (await inventory()).filter((e) => e.key.includes('/VirtualNode/extra-'));
    expect(extra).toHaveLength(5);
    const createdNodes = emulator.calls.filter(
      (c) => c.operation === 'CreateVirtualNode' && c.status === 200,
    );
    expect(createdNodes).toHaveLength(5);
  });

  it('restores an Envoy sidecar removed by hand when the cluster event for that workload arrives', async () => {
    emulator.resetCalls();
    const url = `${kube.endpoint}/apis/apps/v1/namespaces/howto-k8s-http-headers/deployments/blue`;
    const before = (await (await asAdmin(url)).json()) as DeploymentJson;
    const index = before.spec.template.spec.containers.findIndex((c) => c.name === 'envoy');
    expect(index).toBeGreaterThanOrEqual(0);
    const removed = await asAdmin(url, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json-patch+json' },
      body: JSON.stringify([{ op: 'remove', path: `/spec/template/spec/containers/${index}` }]),
    });
    expect(removed.status).toBe(200);

    pipeline.eventBus.bus.put({
      Source: 'meshcd.cluster',
      DetailType: 'Kubernetes Object Changed',
      Detail: JSON.stringify({
        schemaVersion: '1',
        cluster: 'local',
        change: 'modified',
        namespace: 'howto-k8s-http-headers',
        group: 'apps',
        kind: 'Deployment',
        name: 'blue',
      }),
    });
    await pipeline.eventBus.bus.drain();

    const after = (await (await asAdmin(url)).json()) as DeploymentJson;
    expect(after.spec.template.spec.containers.map((c) => c.name)).toContain('envoy');
    // The targeted check is the cluster's business alone: App Mesh is not called.
    expect(emulator.calls).toEqual([]);
  });

  it('ends 20 concurrent out-of-order pushes, several in the same second, at the newest revision', async () => {
    const revisions: Array<{ revision: string; body: string }> = [];
    for (let i = 0; i < 20; i++) {
      const files = { 'mesh.yaml': manifest.replace(/weight: 1\b/g, `weight: ${i + 10}`) };
      const revision = await stack.git.commit('mesh-config', { files, replaceAll: true });
      // GitHub's pushed_at has whole seconds: pushes 0-2, 3-5, … share one, the last four too.
      if (i % 3 === 0 && i < 16) pushedAt += 1;
      revisions.push({ revision, body: gitHubPush({ cloneUrl: repository, revision, pushedAt }) });
    }
    const newest = revisions.at(-1)!.revision;
    // Deliver in a scrambled order, all at once.
    const order = revisions.map((_, i) => (i * 7) % 20);
    const responses = await Promise.all(
      order.map((i) => deliver(pipeline.webhook, revisions[i]!.body, secret)),
    );
    expect(responses.every((r) => r.status === 202)).toBe(true);
    await pipeline.eventBus.bus.drain();

    const client = new DynamoDBClient({
      endpoint: stack.endpoints.dynamodb!,
      region: 'us-west-2',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    const store = createDynamoStateStore({ client, tableName: localTableName });
    const lease = await store.getLease('local');
    expect(lease?.applied?.revision).toBe(newest);
    expect(lease?.holder).toBeUndefined();

    const known = new Set(revisions.map((r) => r.revision));
    const runs = (await store.listRuns('local', 100))
      .filter((r) => known.has(r.revision) && r.mode === 'apply')
      .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    expect(runs.at(-1)?.revision).toBe(newest);
    expect(runs.every((r) => r.outcome === 'succeeded')).toBe(true);
    for (let i = 1; i < runs.length; i++) expect(runs[i]!.startedAt >= runs[i - 1]!.finishedAt).toBe(true);
    // The newest revision's weights are what App Mesh holds.
    const { route } = await appMeshClientFor(emulator).send(
      new DescribeRouteCommand({
        meshName: 'howto-k8s-http-headers',
        virtualRouterName: 'color_howto-k8s-http-headers',
        routeName: 'color-route-blue',
      }),
    );
    expect(route?.spec?.httpRoute?.action?.weightedTargets?.[0]?.weight).toBe(29);
  }, 180_000);
  it('shows a refused push as refused and a failed one as failed, keeps the applied revision, and runs the next', async () => {
    const store = createDynamoStateStore({
      client: new DynamoDBClient({
        endpoint: stack.endpoints.dynamodb!,
        region: 'us-west-2',
        credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
      }),
      tableName: localTableName,
    });
    const outcomesBefore = pipeline.eventBus.bus.published.length;
    const { revision: good } = await push({ 'mesh.yaml': manifest });
    const { revision: refused } = await push({
      'mesh.yaml': manifest,
      'bad.yaml': [
        'apiVersion: appmesh.k8s.aws/v1beta2',
        'kind: VirtualNode',
        'metadata: { name: bad, namespace: howto-k8s-http-headers }',
        'spec: { listeners: 7 }',
      ].join('\n'),
    });
    // App Mesh refuses the reconciler's first call (a terminal 403): observing throws.
    emulator.knobs.faults['*'] = { errorType: 'ForbiddenException', times: 1 };
    const { revision: forbidden } = await push({
      'mesh.yaml': manifest.replace(/weight: 1\b/g, 'weight: 2'),
    });
    delete emulator.knobs.faults['*'];

    const runs = await store.listRuns('local', 10);
    const outcomeOf = (revision: string) => runs.filter((r) => r.revision === revision).map((r) => r.outcome);
    expect(outcomeOf(good)).toEqual(['succeeded']);
    expect(outcomeOf(refused)).toEqual(['refused']);
    expect(outcomeOf(forbidden)).toEqual(['failed']);
    expect(runs.find((r) => r.revision === forbidden)?.errors).toMatchObject([
      { phase: 'observe', reason: 'ForbiddenException', retryable: false },
    ]);
    expect(await store.getLease('local')).toMatchObject({
      applied: { revision: good },
      failed: { revision: forbidden },
    });
    const outcomes = pipeline.eventBus.bus.published
      .slice(outcomesBefore)
      .filter((e) => e.source === 'meshcd.reconciler')
      .map((e) => e['detail-type']);
    expect(outcomes).toEqual(['Reconcile Succeeded', 'Reconcile Failed', 'Reconcile Failed']);

    const { revision: next } = await push({ 'mesh.yaml': manifest.replace(/weight: 1\b/g, 'weight: 4') });
    expect(await store.getLease('local')).toMatchObject({
      applied: { revision: next },
      failed: { revision: forbidden },
    });
    expect(pipeline.eventBus.bus.deadLetters).toEqual([]);
  });

  it('still reaches the cluster from warm functions after their first EKS token expired', async () => {
    // Only Date is faked: the functions' token cache, the signer and the cluster's authenticator all
    // see 20 minutes pass, as a warm Lambda container does between two pushes.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 20 * 60_000);
      kube.calls.length = 0;
      const outcomesBefore = pipeline.eventBus.bus.published.length;
      await push({ 'mesh.yaml': manifest.replace(/weight: 1\b/g, 'weight: 5') });
      const outcomes = pipeline.eventBus.bus.published
        .slice(outcomesBefore)
        .filter((e) => e.source === 'meshcd.reconciler')
        .map((e) => e['detail-type']);
      expect(outcomes).toEqual(['Reconcile Succeeded']);
      expect(kube.calls.length).toBeGreaterThan(0);
      expect(kube.calls.filter((c) => c.status === 401 || c.status === 403)).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  }, 60_000);
});

function extraNodes(n: number): string {
  return Array.from(
    { length: n },
    (_, i) => `apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualNode
metadata:
  name: extra-${i}
  namespace: howto-k8s-http-headers
spec:
  podSelector:
    matchLabels:
      app: extra-${i}
  listeners:
    - portMapping:
        port: 8080
        protocol: http
  serviceDiscovery:
    dns:
      hostname: extra-${i}.howto-k8s-http-headers.svc.cluster.local
`,
  ).join('---\n');
}
