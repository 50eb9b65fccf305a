import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreatePrivateDnsNamespaceCommand,
  GetInstancesHealthStatusCommand,
  GetOperationCommand,
  ListInstancesCommand,
  ListServicesCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-servicediscovery';
import { createCloudMapApi } from '@meshcd/appmesh';
import { detectDrift, reconcile, resyncEndpoints, syncPodEvent, type Target } from '@meshcd/core';
import {
  type CloudMapEmulatorHandle,
  cloudMapClientFor,
  type KubeEvent,
  startCloudMapEmulator,
} from '@meshcd/emulators';
import type { ClusterObjectChangedTrigger } from '@meshcd/events';
import { handleClusterEvent } from '@meshcd/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir, hasShared } from '../corpus/corpus.ts';
import { type ClusterWorld, startClusterWorld } from './cluster-world.ts';

const ns = 'howto-k8s-cloudmap';
const cloudMapNamespace = 'howto-k8s-cloudmap.pvt.local';

interface PodJson {
  metadata: { name: string; labels: Record<string, string>; annotations?: Record<string, string> };
  status: { podIP: string; conditions: Array<{ type: string; status: string }> };
}

/**
 * The howto-k8s-cloudmap walkthrough on the local world: the Kubernetes emulator runs the Deployments as
 * pods, meshcd registers them in the Cloud Map emulator as the controller did, and pod events (delivered
 * through the cluster-event path, one at a time) keep the instances following the pods.
 */
describe.runIf(hasShared())('Cloud Map instances follow pods (howto-k8s-cloudmap)', () => {
  let world: ClusterWorld;
  let cloudmap: CloudMapEmulatorHandle;
  let client: ReturnType<typeof cloudMapClientFor>;
  let target: Target;
  let api: ReturnType<typeof createCloudMapApi>;
  const podEvents: KubeEvent[] = [];
  const manifest = hasShared() ? readFileSync(join(corpusDir, `${ns}/v1beta2-manifest.yaml`), 'utf8') : '';
  let run = 0;

  const apply = (content: string) =>
    reconcile({
      target,
      revision: `rev-${run}`,
      files: [{ path: 'mesh.yaml', content }],
      mode: 'apply',
      mesh: world.mesh,
      state: world.state,
      cluster: world.cluster,
      cloudMap: api,
      allowPrune: true,
      runId: `run-${run++}`,
      now: () => new Date(),
    });
  const pods = async (selector: string): Promise<PodJson[]> => {
    const r = await fetch(
      `${world.kube.endpoint}/api/v1/namespaces/${ns}/pods?labelSelector=${encodeURIComponent(selector)}`,
    );
    return ((await r.json()) as { items: PodJson[] }).items;
  };
  const serviceId = async (name: string) => {
    const { Services } = await client.send(new ListServicesCommand({}));
    return Services!.find((s) => s.Name === name)!.Id!;
  };
  const instances = async (service: string) => {
    const { Instances } = await client.send(
      new ListInstancesCommand({ ServiceId: await serviceId(service) }),
    );
    return (Instances ?? []).sort((a, b) => (a.Id! < b.Id! ? -1 : 1));
  };
  const ipsOf = async (service: string, node: string) =>
    (await instances(service))
      .filter((i) => i.Attributes?.['appmesh.k8s.aws/virtualNode'] === node)
      .map((i) => i.Id)
      .sort();
  /** Delivers the pod events recorded since the last delivery, one cluster event each, in the order given. */
  const deliver = async (order: (events: KubeEvent[]) => KubeEvent[] = (e) => e) => {
    const events = order(podEvents.splice(0));
    for (const e of events) {
      const trigger: ClusterObjectChangedTrigger = {
        type: 'cluster-object-changed',
        cluster: 'local',
        change: e.type === 'ADDED' ? 'added' : e.type === 'DELETED' ? 'deleted' : 'modified',
        namespace: e.object.metadata.namespace ?? '',
        group: '',
        kind: 'Pod',
        name: e.object.metadata.name,
        eventId: `event-${e.object.metadata.resourceVersion}`,
      };
      await handleClusterEvent(trigger, [target], {
        checkerFor: async () => undefined,
        syncPod: (t, pod) =>
          syncPodEvent({
            target: t,
            pod,
            cluster: world.cluster,
            cloudMapFor: async () => api,
            state: world.state,
          }),
      });
    }
    return events.length;
  };
  const scale = async (deployment: string, replicas: number) => {
    const r = await fetch(
      `${world.kube.endpoint}/apis/apps/v1/namespaces/${ns}/deployments/${deployment}/scale`,
      {
        method: 'PATCH',
        headers: { 'content-type': 'application/merge-patch+json' },
        body: JSON.stringify({ spec: { replicas } }),
      },
    );
    expect(r.status).toBe(200);
  };
  const writes = () =>
    cloudmap.calls.filter((c) =>
      /^(Register|Deregister|UpdateInstance|CreateService|DeleteService)/.test(c.operation),
    );

  beforeAll(async () => {
    world = await startClusterWorld();
    cloudmap = await startCloudMapEmulator({ accountId: world.emulator.accountId });
    client = cloudMapClientFor(cloudmap);
    api = createCloudMapApi({ client: cloudMapClientFor(cloudmap), pollMs: 1 });
    target = { ...world.target, cluster: { name: 'local' } };
    world.kube.onChange((e) => {
      if (e.object.kind === 'Pod') podEvents.push(e);
    });
  });
  afterAll(async () => {
    client?.destroy();
    await cloudmap?.close();
    await world?.close();
  });

  it('refuses to invent the Cloud Map namespace: nothing is created and the run says which namespace is missing', async () => {
    const result = await apply(manifest);
    expect(result.status).toBe('partial');
    expect(result.run.errors?.map((e) => e.reason)).toContain('cloudmap-namespace-missing');
    expect(writes()).toEqual([]);
  });

  it('registers exactly one healthy instance per ready pod, with the controller’s attributes, and opens the readiness gate', async () => {
    // The walkthrough's deploy script creates the namespace; meshcd only looks it up.
    const { OperationId } = await client.send(
      new CreatePrivateDnsNamespaceCommand({ Name: cloudMapNamespace, Vpc: 'vpc-0abc' }),
    );
    expect((await client.send(new GetOperationCommand({ OperationId }))).Operation?.Status).toBe('SUCCESS');
    const result = await apply(manifest);
    expect(result.status).toBe('succeeded');
    podEvents.length = 0;

    const [blue] = await pods('app=colorapp,version=blue');
    const [front] = await pods('app=front');
    expect(await ipsOf('colorapp', 'colorapp-blue_howto-k8s-cloudmap')).toEqual([blue!.status.podIP]);
    expect(await ipsOf('colorapp', 'colorapp-red_howto-k8s-cloudmap')).toHaveLength(1);
    const [frontInstance] = await instances('front');
    expect(frontInstance?.Attributes).toEqual({
      // Every pod label, pod-template-hash included, as the controller copied them.
      ...front!.metadata.labels,
      AWS_INSTANCE_IPV4: front!.status.podIP,
      AWS_INSTANCE_PORT: '8080',
      AWS_INIT_HEALTH_STATUS: 'HEALTHY',
      'k8s.io/pod': front!.metadata.name,
      'k8s.io/namespace': ns,
      'appmesh.k8s.aws/mesh': ns,
      'appmesh.k8s.aws/virtualNode': 'front_howto-k8s-cloudmap',
    });
    const blueInstance = (await instances('colorapp')).find((i) => i.Id === blue!.status.podIP);
    expect(blueInstance?.Attributes?.color).toBe('blue');
    const { Status } = await client.send(
      new GetInstancesHealthStatusCommand({ ServiceId: await serviceId('colorapp') }),
    );
    expect(Object.values(Status ?? {})).toEqual(['HEALTHY', 'HEALTHY']);
    // The services carry the controller's settings and meshcd's ownership tag.
    const { Services } = await client.send(new ListServicesCommand({}));
    expect(Services?.find((s) => s.Name === 'colorapp')).toMatchObject({
      DnsConfig: { RoutingPolicy: 'MULTIVALUE', DnsRecords: [{ Type: 'A', TTL: 300 }] },
      HealthCheckCustomConfig: { FailureThreshold: 1 },
    });
    const { Tags } = await client.send(
      new ListTagsForResourceCommand({ ResourceARN: Services!.find((s) => s.Name === 'colorapp')!.Arn }),
    );
    expect(Tags).toEqual([{ Key: 'meshcd:target', Value: target.id }]);
    // The injected readiness gate is open, so the pods are Ready.
    const ready = (await pods('app=front'))[0]!.status.conditions;
    expect(ready).toContainEqual(
      expect.objectContaining({ type: 'conditions.appmesh.k8s.aws/aws-cloudmap-healthy', status: 'True' }),
    );
    expect(ready).toContainEqual(expect.objectContaining({ type: 'Ready', status: 'True' }));
  });

  it('follows a scale-up and a scale-down within one event per pod, touching only the affected service', async () => {
    await scale('colorapp-blue', 3);
    cloudmap.resetCalls();
    expect(await deliver()).toBeGreaterThanOrEqual(2);
    const bluePods = await pods('app=colorapp,version=blue');
    expect(bluePods).toHaveLength(3);
    expect(await ipsOf('colorapp', 'colorapp-blue_howto-k8s-cloudmap')).toEqual(
      bluePods.map((p) => p.status.podIP).sort(),
    );
    const frontId = await serviceId('front');
    // The front node's service is only read, to see whether it held the pod; nothing is written there.
    const frontCalls = cloudmap.calls.filter((c) => c.input.ServiceId === frontId);
    expect(new Set(frontCalls.map((c) => c.operation))).toEqual(new Set(['ListInstances']));
    expect(writes().filter((c) => c.input.ServiceId === frontId)).toEqual([]);
    expect(writes().filter((c) => c.operation === 'RegisterInstance')).toHaveLength(2);

    await scale('colorapp-blue', 1);
    await deliver();
    const left = await pods('app=colorapp,version=blue');
    expect(left).toHaveLength(1);
    expect(await ipsOf('colorapp', 'colorapp-blue_howto-k8s-cloudmap')).toEqual([left[0]!.status.podIP]);
  });

  it('deregisters a deleted pod and registers its replacement; replayed and reversed events write nothing', async () => {
    const [red] = await pods('app=colorapp,version=red');
    const deleted = await fetch(`${world.kube.endpoint}/api/v1/namespaces/${ns}/pods/${red!.metadata.name}`, {
      method: 'DELETE',
    });
    expect(deleted.status).toBe(200);
    const recorded = [...podEvents];
    await deliver();
    const [replacement] = await pods('app=colorapp,version=red');
    expect(replacement!.metadata.name).not.toBe(red!.metadata.name);
    expect(await ipsOf('colorapp', 'colorapp-red_howto-k8s-cloudmap')).toEqual([replacement!.status.podIP]);

    cloudmap.resetCalls();
    podEvents.push(...recorded, ...recorded);
    await deliver((e) => [...e].reverse());
    expect(writes()).toEqual([]);
    expect(await ipsOf('colorapp', 'colorapp-red_howto-k8s-cloudmap')).toEqual([replacement!.status.podIP]);
  });

  it('marks a pod that stops being ready UNHEALTHY, keeping its instance', async () => {
    const [blue] = await pods('app=colorapp,version=blue');
    await fetch(`${world.kube.endpoint}/api/v1/namespaces/${ns}/pods/${blue!.metadata.name}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ metadata: { annotations: { 'local.meshcd.io/ready': 'false' } } }),
    });
    await deliver();
    const { Status } = await client.send(
      new GetInstancesHealthStatusCommand({
        ServiceId: await serviceId('colorapp'),
        Instances: [blue!.status.podIP],
      }),
    );
    expect(Status).toEqual({ [blue!.status.podIP]: 'UNHEALTHY' });
    await fetch(`${world.kube.endpoint}/api/v1/namespaces/${ns}/pods/${blue!.metadata.name}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ metadata: { annotations: { 'local.meshcd.io/ready': null } } }),
    });
    await deliver();
    const after = await client.send(
      new GetInstancesHealthStatusCommand({
        ServiceId: await serviceId('colorapp'),
        Instances: [blue!.status.podIP],
      }),
    );
    expect(after.Status).toEqual({ [blue!.status.podIP]: 'HEALTHY' });
  });

  it('reports a missed pod event as drift and repairs it in the scheduled resync', async () => {
    await scale('front', 2);
    podEvents.length = 0; // the events are lost
    const drift = await detectDrift({
      target,
      mesh: world.mesh,
      state: world.state,
      cluster: world.cluster,
      cloudMap: api,
      record: false,
      heal: false,
      runId: 'drift-1',
      now: () => new Date(),
    });
    const frontItems = drift.items.filter(
      (i) => i.kind === 'CloudMapInstance' && i.node === 'front_howto-k8s-cloudmap',
    );
    expect(frontItems.map((i) => i.state).sort()).toEqual(['InSync', 'Missing']);
    expect(frontItems.find((i) => i.state === 'Missing')?.reason).toBe('pod-not-registered');

    const repaired = await resyncEndpoints({
      target,
      cluster: world.cluster,
      cloudMapFor: async () => api,
      state: world.state,
    });
    expect(repaired.flatMap((o) => o.registered)).toHaveLength(1);
    const again = await detectDrift({
      target,
      mesh: world.mesh,
      state: world.state,
      cluster: world.cluster,
      cloudMap: api,
      record: false,
      heal: false,
      runId: 'drift-2',
      now: () => new Date(),
    });
    expect(again.items.filter((i) => i.provider === 'cloudmap' && i.state !== 'InSync')).toEqual([]);
    expect(await ipsOf('front', 'front_howto-k8s-cloudmap')).toHaveLength(2);
  });

  it('deregisters a VirtualNode’s instances when it leaves Git, and keeps the shared service for the other node', async () => {
    const withoutRed = manifest.replace(
      /---\napiVersion: appmesh.k8s.aws\/v1beta2\nkind: VirtualNode\nmetadata:\n {2}name: colorapp-red[\s\S]*?(?=---)/,
      '',
    );
    expect(withoutRed).not.toContain(
      'name: colorapp-red\n  namespace: howto-k8s-cloudmap\nspec:\n  podSelector',
    );
    const routed = withoutRed.replace(
      / {12}- virtualNodeRef:\n {16}name: colorapp-red\n {14}weight: 1\n/,
      '',
    );
    const result = await apply(routed);
    expect(result.status).toBe('succeeded');
    expect(await ipsOf('colorapp', 'colorapp-red_howto-k8s-cloudmap')).toEqual([]);
    expect(await ipsOf('colorapp', 'colorapp-blue_howto-k8s-cloudmap')).toHaveLength(1);
  });

  it('moves a node’s instances when its serviceName changes: the old service’s are deregistered', async () => {
    const front = await ipsOf('front', 'front_howto-k8s-cloudmap');
    expect(front.length).toBeGreaterThan(0);
    const moved = manifest.replace('serviceName: front\n', 'serviceName: front-v2\n');
    expect(moved).not.toBe(manifest);
    const result = await apply(moved);
    expect(result.status).toBe('succeeded');
    expect(await ipsOf('front-v2', 'front_howto-k8s-cloudmap')).toEqual(front);
    // meshcd created the old service and no node uses it any more: it goes with its instances.
    const { Services } = await client.send(new ListServicesCommand({}));
    expect(Services!.map((s) => s.Name)).not.toContain('front');
  });
});
