import { describe, expect, it } from 'vitest';
import { emulatorFixture, type Loose } from '../emulator-fixture.ts';
import { readinessAnnotation } from './pod-status.ts';

const { start } = emulatorFixture();

const template = (image: string, extra: Record<string, unknown> = {}) => ({
  metadata: { labels: { app: 'web' } },
  spec: {
    containers: [
      { name: 'app', image },
      { name: 'envoy', image: 'envoy:v1.29' },
    ],
    ...extra,
  },
});

const deployment = (replicas: number, image = 'web:1', annotations?: Record<string, string>) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'web' } },
    template: {
      ...template(image),
      metadata: { labels: { app: 'web' }, ...(annotations ? { annotations } : {}) },
    },
  },
});

const podsOf = async (call: Loose, selector = 'app=web') =>
  (await call('GET', `/api/v1/namespaces/default/pods?labelSelector=${selector}`)).body.items as Loose[];

describe('built-in controllers', () => {
  it('runs a Deployment as a ReplicaSet and ready pods with IPs and every template container', async () => {
    const { call } = await start();
    await call('POST', '/apis/apps/v1/namespaces/default/deployments', deployment(2));
    const [rs] = (await call('GET', '/apis/apps/v1/namespaces/default/replicasets')).body.items as Loose[];
    expect(rs.metadata.name).toMatch(/^web-[a-z0-9]{10}$/);
    expect(rs.metadata.ownerReferences[0]).toMatchObject({
      kind: 'Deployment',
      name: 'web',
      controller: true,
    });
    expect(rs.status).toMatchObject({ replicas: 2, readyReplicas: 2, observedGeneration: 1 });
    const pods = await podsOf(call);
    expect(pods).toHaveLength(2);
    for (const pod of pods) {
      expect(pod.metadata.name.startsWith(`${rs.metadata.name}-`)).toBe(true);
      expect(pod.metadata.labels['pod-template-hash']).toBe(rs.metadata.labels['pod-template-hash']);
      expect(pod.metadata.ownerReferences[0]).toMatchObject({ kind: 'ReplicaSet', uid: rs.metadata.uid });
      expect(pod.spec.containers.map((c: Loose) => c.name)).toEqual(['app', 'envoy']);
      expect(pod.spec).toMatchObject({ nodeName: 'local-node', schedulerName: 'default-scheduler' });
      expect(pod.status.phase).toBe('Running');
      expect(pod.status.podIP).toMatch(/^10\.244\.\d+\.\d+$/);
      expect(pod.status.containerStatuses.map((c: Loose) => c.ready)).toEqual([true, true]);
    }
    expect(new Set(pods.map((p) => p.status.podIP)).size).toBe(2);
    const live = (await call('GET', '/apis/apps/v1/namespaces/default/deployments/web')).body;
    expect(live.status).toMatchObject({
      observedGeneration: 1,
      replicas: 2,
      updatedReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
    });
    expect(live.status.conditions.find((c: Loose) => c.type === 'Progressing').reason).toBe(
      'NewReplicaSetAvailable',
    );
  });

  it('rolls a changed template out to a new ReplicaSet and scales the old one to zero', async () => {
    const { call } = await start();
    await call('POST', '/apis/apps/v1/namespaces/default/deployments', deployment(1));
    const first = (await podsOf(call))[0];
    await call('PUT', '/apis/apps/v1/namespaces/default/deployments/web', deployment(1, 'web:2'));
    const sets = (await call('GET', '/apis/apps/v1/namespaces/default/replicasets')).body.items as Loose[];
    expect(sets.map((s) => s.spec.replicas).sort()).toEqual([0, 1]);
    const pods = await podsOf(call);
    expect(pods).toHaveLength(1);
    expect(pods[0].metadata.name).not.toBe(first.metadata.name);
    expect(pods[0].spec.containers[0].image).toBe('web:2');
    const live = (await call('GET', '/apis/apps/v1/namespaces/default/deployments/web')).body;
    expect(live.metadata.generation).toBe(2);
    expect(live.status).toMatchObject({ observedGeneration: 2, updatedReplicas: 1, availableReplicas: 1 });
    expect(live.metadata.annotations['deployment.kubernetes.io/revision']).toBe('2');
  });

  it('keeps pods unready while the readiness knob says so, and the rollout unfinished', async () => {
    const { call } = await start();
    await call(
      'POST',
      '/apis/apps/v1/namespaces/default/deployments',
      deployment(1, 'web:1', { [readinessAnnotation]: 'false' }),
    );
    const [pod] = await podsOf(call);
    expect(pod.status.conditions.find((c: Loose) => c.type === 'Ready').status).toBe('False');
    const waiting = (await call('GET', '/apis/apps/v1/namespaces/default/deployments/web')).body;
    expect(waiting.status.availableReplicas).toBeUndefined();
    expect(waiting.status.unavailableReplicas).toBe(1);
    const patched = await call(
      'PATCH',
      `/api/v1/namespaces/default/pods/${pod.metadata.name}`,
      { metadata: { annotations: { [readinessAnnotation]: 'true' } } },
      'application/merge-patch+json',
    );
    expect(patched.status).toBe(200);
    const [ready] = await podsOf(call);
    expect(ready.status.conditions.find((c: Loose) => c.type === 'Ready').status).toBe('True');
    const done = (await call('GET', '/apis/apps/v1/namespaces/default/deployments/web')).body;
    expect(done.status.availableReplicas).toBe(1);
  });

  it('holds a pod unready until each of its readiness gates is True', async () => {
    const { call } = await start();
    const gated = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'solo', labels: { app: 'solo' } },
      spec: { ...template('x:1').spec, readinessGates: [{ conditionType: 'example.com/gate' }] },
    };
    await call('POST', '/api/v1/namespaces/default/pods', gated);
    const [pod] = await podsOf(call, 'app=solo');
    expect(pod.status.conditions.find((c: Loose) => c.type === 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ReadinessGatesNotReady',
    });
    expect(pod.status.conditions.find((c: Loose) => c.type === 'ContainersReady').status).toBe('True');
  });

  it('replaces a deleted pod and deletes ReplicaSets and pods with their Deployment', async () => {
    const { call } = await start();
    await call('POST', '/apis/apps/v1/namespaces/default/deployments', deployment(1));
    const [pod] = await podsOf(call);
    await call('DELETE', `/api/v1/namespaces/default/pods/${pod.metadata.name}`);
    const [replacement] = await podsOf(call);
    expect(replacement.metadata.name).not.toBe(pod.metadata.name);
    await call('DELETE', '/apis/apps/v1/namespaces/default/deployments/web');
    expect((await call('GET', '/apis/apps/v1/namespaces/default/replicasets')).body.items).toEqual([]);
    expect(await podsOf(call)).toEqual([]);
  });

  it('runs a StatefulSet as ordinal pods and a DaemonSet as one pod on the node', async () => {
    const { call } = await start();
    const spec = { selector: { matchLabels: { app: 'web' } }, template: template('db:1') };
    await call('POST', '/apis/apps/v1/namespaces/default/statefulsets', {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: { ...spec, replicas: 2, serviceName: 'db' },
    });
    const names = (await podsOf(call)).map((p) => p.metadata.name);
    expect(names).toEqual(['db-0', 'db-1']);
    const sts = (await call('GET', '/apis/apps/v1/namespaces/default/statefulsets/db')).body;
    expect(sts.status).toMatchObject({ replicas: 2, readyReplicas: 2, observedGeneration: 1 });
    expect(sts.status.currentRevision).toBe(sts.status.updateRevision);
    await call('POST', '/apis/apps/v1/namespaces/default/daemonsets', {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent' },
      spec: {
        ...spec,
        selector: { matchLabels: { app: 'agent' } },
        template: { ...template('a:1'), metadata: { labels: { app: 'agent' } } },
      },
    });
    expect(await podsOf(call, 'app=agent')).toHaveLength(1);
    const ds = (await call('GET', '/apis/apps/v1/namespaces/default/daemonsets/agent')).body;
    expect(ds.status).toMatchObject({ desiredNumberScheduled: 1, numberReady: 1, numberAvailable: 1 });
  });
});
