import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreatePrivateDnsNamespaceCommand,
  GetOperationCommand,
  ListInstancesCommand,
  ListServicesCommand,
} from '@aws-sdk/client-servicediscovery';
import { bridgePodEvents, localTableName, localTarget, startLocalPipeline } from '@meshcd/cli';
import {
  type AppMeshEmulatorHandle,
  type CloudMapEmulatorHandle,
  cloudMapClientFor,
  type KubeEmulatorHandle,
  startAppMeshEmulator,
  startCloudMapEmulator,
  startKubeEmulator,
  startLocalStack,
} from '@meshcd/emulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir, hasShared } from '../corpus/corpus.ts';
import { deliver, gitHubPush } from './github-webhook.ts';

/**
 * The deployed path on one machine: a push reconciles howto-k8s-cloudmap (App Mesh, the cluster and its
 * Cloud Map services), the emulated cluster runs the pods, and their changes reach the cluster-event
 * function over the local EventBridge as `Kubernetes Object Changed`, which keeps the instances current.
 */
describe.runIf(hasShared())('local pipeline: pods → cluster events → Cloud Map instances', () => {
  let stack: Awaited<ReturnType<typeof startLocalStack>>;
  let pipeline: Awaited<ReturnType<typeof startLocalPipeline>>;
  let appmesh: AppMeshEmulatorHandle;
  let kube: KubeEmulatorHandle;
  let cloudmap: CloudMapEmulatorHandle;
  let unbridge: () => void;
  const ns = 'howto-k8s-cloudmap';

  const colorInstances = async () => {
    const client = cloudMapClientFor(cloudmap);
    const { Services } = await client.send(new ListServicesCommand({}));
    const id = Services?.find((s) => s.Name === 'colorapp')?.Id;
    const { Instances } = id
      ? await client.send(new ListInstancesCommand({ ServiceId: id }))
      : { Instances: [] };
    client.destroy();
    return (Instances ?? []).map((i) => i.Id).sort();
  };
  const podIps = async (selector: string) => {
    const r = await fetch(
      `${kube.endpoint}/api/v1/namespaces/${ns}/pods?labelSelector=${encodeURIComponent(selector)}`,
    );
    return ((await r.json()) as { items: Array<{ status: { podIP: string } }> }).items
      .map((p) => p.status.podIP)
      .sort();
  };

  beforeAll(async () => {
    stack = await startLocalStack({
      services: {
        appmesh: async () => (appmesh = await startAppMeshEmulator()),
        kube: async () => (kube = await startKubeEmulator()),
        cloudmap: async () => (cloudmap = await startCloudMapEmulator()),
      },
    });
    const repository = await stack.git.createRepo('mesh-config');
    pipeline = await startLocalPipeline({
      appmesh: appmesh.endpoint,
      cloudmap: cloudmap.endpoint,
      dynamodb: stack.endpoints.dynamodb!,
      kube: kube.endpoint,
      targets: [{ ...localTarget(appmesh.accountId, repository), cloudMap: {} }],
      webhookSecret: 'secret',
      tableName: localTableName,
    });
    unbridge = bridgePodEvents(kube, pipeline.eventBus.bus, 'local');
    const client = cloudMapClientFor(cloudmap);
    const { OperationId } = await client.send(
      new CreatePrivateDnsNamespaceCommand({ Name: 'howto-k8s-cloudmap.pvt.local', Vpc: 'vpc-0abc' }),
    );
    await client.send(new GetOperationCommand({ OperationId }));
    client.destroy();
    const manifest = readFileSync(join(corpusDir, `${ns}/v1beta2-manifest.yaml`), 'utf8');
    const revision = await stack.git.commit('mesh-config', {
      files: { 'mesh.yaml': manifest },
      replaceAll: true,
    });
    const response = await deliver(
      pipeline.webhook,
      gitHubPush({ cloneUrl: repository, revision }),
      'secret',
    );
    expect(response.status).toBe(202);
    await pipeline.eventBus.bus.drain();
  }, 120_000);
  afterAll(async () => {
    unbridge?.();
    await pipeline?.close();
    await stack?.close();
  });

  it('registers the running pods when the push is reconciled', async () => {
    const outcomes = pipeline.eventBus.bus.published.filter((e) => e.source === 'meshcd.reconciler');
    expect(outcomes.map((e) => e['detail-type'])).toContain('Reconcile Succeeded');
    expect(await colorInstances()).toEqual(await podIps('app=colorapp'));
    expect(await colorInstances()).toHaveLength(2);
  });

  it('follows a scale-up and a scale-down through the cluster-event function', async () => {
    const scale = (replicas: number) =>
      fetch(`${kube.endpoint}/apis/apps/v1/namespaces/${ns}/deployments/colorapp-red/scale`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/merge-patch+json' },
        body: JSON.stringify({ spec: { replicas } }),
      });
    expect((await scale(3)).status).toBe(200);
    await pipeline.eventBus.bus.drain();
    expect(await colorInstances()).toHaveLength(4);
    expect(await colorInstances()).toEqual(await podIps('app=colorapp'));
    expect((await scale(1)).status).toBe(200);
    await pipeline.eventBus.bus.drain();
    expect(await colorInstances()).toEqual(await podIps('app=colorapp'));
    expect(pipeline.eventBus.bus.deadLetters).toEqual([]);
  });
});
