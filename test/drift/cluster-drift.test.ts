import {
  DescribeVirtualNodeCommand,
  UpdateVirtualNodeCommand,
  type VirtualNodeSpec,
} from '@aws-sdk/client-app-mesh';
import {
  type ClusterApi,
  type DetectDriftResult,
  type DriftItem,
  detectDrift,
  parseMeshKey,
  reconcile,
} from '@meshcd/core';
import { appMeshClientFor } from '@meshcd/emulators';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeLiveObject } from '../../packages/core/src/ports/cluster-api.ts';
import { type ClusterWorld, startClusterWorld } from '../cluster/cluster-world.ts';
import { corpusScenarios, hasShared } from '../corpus/corpus.ts';
import { materialiseRevision } from '../corpus/materialise-revision.ts';

const scenarioName = 'howto-k8s-connection-pools';

type Container = { name: string; image?: string };
const containersOf = (o: KubeLiveObject | undefined): Container[] =>
  ((o?.spec as { template?: { spec?: { containers?: Container[] } } } | undefined)?.template?.spec
    ?.containers ?? []) as Container[];
const refOf = (key: string, apiVersion: string) => {
  const [namespace = '', , kind = '', ...name] = key.slice('kube:'.length).split('/');
  return { apiVersion, kind, name: name.join('/'), ...(namespace ? { namespace } : {}) };
};

/** A cluster whose reads of one kind fail, as an RBAC rule missing one resource would make them. */
const failingListsOf = (cluster: ClusterApi, kind: string): ClusterApi => ({
  ...cluster,
  list: async (query) => {
    if (query.kind === kind) throw new Error(`namespaces is forbidden: cannot list resource "${kind}"`);
    return cluster.list(query);
  },
});

describe.runIf(hasShared())('drift made behind meshcd’s back, in both emulators', () => {
  let world: ClusterWorld;
  let runs = 0;
  const detect = (extra: Partial<Parameters<typeof detectDrift>[0]> = {}) =>
    detectDrift({
      target: world.target,
      mesh: world.mesh,
      state: world.state,
      cluster: world.cluster,
      record: false,
      heal: false,
      runId: `d-${runs++}`,
      now: () => new Date(),
      ...extra,
    });

  beforeEach(async () => {
    world = await startClusterWorld();
    const scenario = corpusScenarios().find((s) => s.folder === scenarioName)!;
    const applied = await reconcile({
      target: world.target,
      revision: 'rev-0',
      files: materialiseRevision(scenario.revisions.at(-1)!),
      mode: 'apply',
      mesh: world.mesh,
      state: world.state,
      cluster: world.cluster,
      runId: 'apply',
      now: () => new Date(),
    });
    expect(applied.status).toBe('succeeded');
  });
  afterEach(() => world.close());

  /** A change by someone else: a JSON merge patch under another field manager, as `kubectl edit` makes. */
  const mergePatch = async (path: string, patch: unknown) => {
    const response = await fetch(`${world.kube.endpoint}${path}?fieldManager=kubectl-edit`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify(patch),
    });
    expect(response.status).toBe(200);
  };
  const deploymentPath = (ref: { namespace?: string; name: string }) =>
    `/apis/apps/v1/namespaces/${ref.namespace}/deployments/${ref.name}`;

  /** The managed objects and injected workloads the test tampers with. */
  async function pick() {
    const inventory = await world.state.listInventory(world.target.id);
    const keys = inventory.map((e) => e.key);
    const deployments = keys.filter((k) => k.startsWith('kube:') && k.includes('/apps/Deployment/'));
    const services = keys.filter((k) => k.startsWith('kube:') && k.includes('//Service/'));
    const namespace = keys.find((k) => k.startsWith('kube:/') && k.endsWith(`/Namespace/${scenarioName}`))!;
    // Injected workloads whose Git object declares no Envoy of its own (a gateway's does).
    const injected: string[] = [];
    for (const entry of inventory.filter((e) => deployments.includes(e.key))) {
      const declared = containersOf(entry.lastAppliedSpec as KubeLiveObject).some((c) => c.name === 'envoy');
      const live = containersOf(await world.cluster.get(refOf(entry.key, 'apps/v1')));
      if (!declared && live.some((c) => c.name === 'envoy')) injected.push(entry.key);
    }
    // One injected workload whose image changes, another whose Envoy is removed.
    expect(injected.length).toBeGreaterThanOrEqual(2);
    expect(services.length).toBeGreaterThanOrEqual(1);
    expect(namespace).toBeDefined();
    return {
      changed: refOf(injected[0]!, 'apps/v1'),
      stripped: refOf(injected[1]!, 'apps/v1'),
      service: refOf(services[0]!, 'v1'),
      namespace: refOf(namespace, 'v1'),
    };
  }

  async function tamperCluster() {
    const { changed, stripped, service, namespace } = await pick();
    const live = await world.cluster.get(changed);
    const app = containersOf(live).find((c) => c.name !== 'envoy')!;
    await mergePatch(deploymentPath(changed), {
      spec: {
        template: {
          spec: { containers: containersOf(live).map((c) => (c === app ? { ...c, image: 'evil:1' } : c)) },
        },
      },
    });
    // The envoy container removed, the app's container (and the init container) left as they were.
    const strippedLive = await world.cluster.get(stripped);
    await mergePatch(deploymentPath(stripped), {
      spec: {
        template: { spec: { containers: containersOf(strippedLive).filter((c) => c.name !== 'envoy') } },
      },
    });
    await world.cluster.delete(service);
    await world.cluster.apply(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'hand-made', namespace: namespace.name },
        spec: {
          selector: { matchLabels: { app: 'hand-made' } },
          template: {
            metadata: { labels: { app: 'hand-made' } },
            spec: { containers: [{ name: 'app', image: 'hand-made:1' }] },
          },
        },
      },
      { fieldManager: 'kubectl' },
    );
    return { changed, stripped, service, namespace, app, oldImage: app.image };
  }

  async function tamperAppMesh() {
    const sdk = appMeshClientFor(world.emulator);
    const inventory = await world.state.listInventory(world.target.id);
    const node = inventory.map((e) => parseMeshKey(e.key)).find((i) => i?.kind === 'VirtualNode')!;
    const described = await sdk.send(
      new DescribeVirtualNodeCommand({ meshName: node.meshName, virtualNodeName: node.name }),
    );
    const spec = described.virtualNode!.spec as VirtualNodeSpec;
    const port = spec.listeners![0]!.portMapping!.port!;
    spec.listeners![0]!.portMapping!.port = port + 1000;
    // The service filled the health check's port from the old listener port and refuses a mismatch;
    // a person moving the port sends the health check without one, as meshcd does.
    if (spec.listeners![0]!.healthCheck) delete spec.listeners![0]!.healthCheck.port;
    await sdk.send(
      new UpdateVirtualNodeCommand({ meshName: node.meshName, virtualNodeName: node.name, spec }),
    );
    sdk.destroy();
    return { key: `appmesh:${node.meshName}/VirtualNode/${node.name}`, port };
  }

  const byKey = (result: DetectDriftResult) => new Map(result.items.map((i) => [i.key, i]));
  const keyOf = (ref: { namespace?: string; kind: string; name: string; apiVersion: string }) =>
    `kube:${ref.namespace ?? ''}/${ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : ''}/${ref.kind}/${ref.name}`;

  it('finds the cluster objects and injections in sync right after apply', async () => {
    const result = await detect();
    const kube = result.items.filter((i) => i.provider === 'kube');
    expect(kube.filter((i) => i.subject === 'injection').length).toBeGreaterThanOrEqual(2);
    expect(kube.filter((i) => i.subject !== 'injection').length).toBeGreaterThanOrEqual(9);
    expect(result.items.filter((i) => i.state !== 'InSync')).toEqual([]);
  });

  it('classifies a changed image, a deleted Service, a hand-made Deployment, a removed Envoy, an unlistable kind and an App Mesh change exactly', async () => {
    const t = await tamperCluster();
    const mesh = await tamperAppMesh();
    const result = await detect({ cluster: failingListsOf(world.cluster, 'Namespace') });
    const items = byKey(result);

    expect(items.get(mesh.key)).toMatchObject({
      provider: 'appmesh',
      state: 'Modified',
      differences: [
        { path: 'spec.listeners[0].portMapping.port', expected: mesh.port, actual: mesh.port + 1000 },
      ],
    });
    expect(items.get(keyOf(t.changed))).toEqual<DriftItem>({
      key: keyOf(t.changed),
      provider: 'kube',
      kind: 'Deployment',
      namespace: t.changed.namespace!,
      name: t.changed.name,
      state: 'Modified',
      reason: 'spec-changed',
      differences: [
        {
          path: `spec.template.spec.containers[name=${t.app.name}].image`,
          expected: t.oldImage,
          actual: 'evil:1',
        },
      ],
    });
    // The workload's own fields are as Git has them: only its injection lost the Envoy.
    expect(items.get(keyOf(t.stripped))?.state).toBe('InSync');
    expect(items.get(`${keyOf(t.stripped)}#injection`)).toMatchObject({
      provider: 'kube',
      subject: 'injection',
      kind: 'Deployment',
      name: t.stripped.name,
      state: 'Modified',
      reason: 'injection-changed',
      differences: [
        {
          path: 'spec.template.spec.containers[name=envoy]',
          expected: expect.objectContaining({ name: 'envoy' }),
        },
      ],
    });
    expect(items.get(`${keyOf(t.stripped)}#injection`)?.differences?.[0]?.actual).toBeUndefined();
    expect(items.get(keyOf(t.service))).toMatchObject({ state: 'Missing', kind: 'Service' });
    expect(items.get(`kube:${t.namespace.name}/apps/Deployment/hand-made`)).toMatchObject({
      provider: 'kube',
      state: 'Unmanaged',
      reason: 'not-in-git',
    });
    expect(items.get(keyOf(t.namespace))).toMatchObject({
      state: 'Unknown',
      reason: 'list-failed',
      error: expect.stringContaining('cannot list resource "Namespace"'),
    });
    // Everything else is exactly as applied.
    expect(result.summary.counts).toEqual({
      InSync: result.items.length - 6,
      Modified: 3,
      Missing: 1,
      Unmanaged: 1,
      Unknown: 1,
    });
  });

  it('reports every cluster item Unknown when the cluster cannot be read, and App Mesh still', async () => {
    const mesh = await tamperAppMesh();
    const unreachable: ClusterApi = {
      ...world.cluster,
      listNamespaces: async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:6443');
      },
    };
    const result = await detect({ cluster: unreachable });
    const kube = result.items.filter((i) => i.provider === 'kube');
    expect(kube.length).toBeGreaterThanOrEqual(9);
    expect(kube.every((i) => i.state === 'Unknown' && i.error?.includes('ECONNREFUSED'))).toBe(true);
    expect(byKey(result).get(mesh.key)?.state).toBe('Modified');
    expect(
      result.items.filter((i) => i.provider === 'appmesh' && i.state === 'InSync').length,
    ).toBeGreaterThan(3);
  });

  it('self-heals a changed image, a removed Envoy and a deleted Service, and leaves the hand-made Deployment alone', async () => {
    const t = await tamperCluster();
    const healed = await detect({ heal: true });
    expect(healed.healedCluster?.outcomes.map((o) => [o.key, o.subject, o.status]).sort()).toEqual(
      [
        [keyOf(t.changed), 'object', 'done'],
        [`${keyOf(t.stripped)}#injection`, 'injection', 'done'],
        [keyOf(t.service), 'object', 'done'],
      ].sort(),
    );
    expect(containersOf(await world.cluster.get(t.changed)).find((c) => c.name === t.app.name)?.image).toBe(
      t.oldImage,
    );
    expect(containersOf(await world.cluster.get(t.stripped)).map((c) => c.name)).toContain('envoy');
    expect(await world.cluster.get(t.service)).toBeDefined();
    const handMade = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: t.namespace.name,
      name: 'hand-made',
    };
    expect(await world.cluster.get(handMade)).toBeDefined();

    const after = await detect();
    expect(after.items.filter((i) => i.state !== 'InSync').map((i) => [i.key, i.state])).toEqual([
      [keyOf(handMade), 'Unmanaged'],
    ]);
  });
});
