import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListMeshesCommand } from '@aws-sdk/client-app-mesh';
import {
  ListServiceNetworksCommand,
  ListTargetGroupsCommand,
  ListTargetsCommand,
} from '@aws-sdk/client-vpc-lattice';
import { type EventLogEntry, localRepository, localTargetId } from '@meshcd/cli';
import { appMeshClientFor, latticeClientFor } from '@meshcd/emulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalSystem } from '../../packages/cli/src/local/start-local-system.ts';
import { runCli } from '../engine/run-cli.ts';
import { shopManifest } from '../lattice/shop-manifest.ts';
import { deliver, gitHubPush } from './github-webhook.ts';

const deployment = (name: string, replicas: number) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'shop' },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name, image: 'example/colorapp', ports: [{ containerPort: 8080 }] }] },
    },
  },
});

/**
 * `meshcd local up --provider lattice`: the local target reconciles into the Lattice emulator. A push goes
 * through the webhook, the bus and the reconcile function to Lattice and never to App Mesh; the pods of each
 * VirtualNode follow into its target group through the cluster-event function; status and plan --local read
 * the running system.
 */
describe('local up with a Lattice target', () => {
  let state: string;
  let system: Awaited<ReturnType<typeof startLocalSystem>>;
  const events: EventLogEntry[] = [];
  const waitFor = async (what: string, ok: () => boolean | Promise<boolean>) => {
    for (let i = 0; i < 400; i++) {
      if (await ok()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  const kube = (path: string, init?: RequestInit) => fetch(`${system.endpoints.kube}${path}`, init);
  const podIps = async (app: string) => {
    const r = await kube(`/api/v1/namespaces/shop/pods?labelSelector=app%3D${app}`);
    const pods = ((await r.json()) as { items: Array<{ status: { podIP?: string } }> }).items;
    return pods.map((p) => p.status.podIP ?? '').sort();
  };
  const lattice = () => latticeClientFor({ endpoint: system.endpoints.lattice!, accountId: '111122223333' });
  const targetIps = async (groupPrefix: string) => {
    const client = lattice();
    try {
      const groups = (await client.send(new ListTargetGroupsCommand({}))).items ?? [];
      const group = groups.find((g) => g.name?.startsWith(groupPrefix));
      if (!group) return [];
      const targets = (await client.send(new ListTargetsCommand({ targetGroupIdentifier: group.id }))).items;
      // A deregistered target drains for a while before Lattice forgets it.
      return (targets ?? [])
        .filter((t) => t.status !== 'DRAINING')
        .map((t) => t.id ?? '')
        .sort();
    } finally {
      client.destroy();
    }
  };

  beforeAll(async () => {
    state = await mkdtemp(join(tmpdir(), 'meshcd-lattice-up-'));
    system = await startLocalSystem(state, { provider: 'lattice', onEvent: (e) => events.push(e) });
    // The workloads, applied by whoever runs the cluster: their pods become Lattice targets.
    await kube('/api/v1/namespaces', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'shop', labels: { mesh: 'shop' } },
      }),
    });
    for (const name of ['blue', 'green']) {
      const r = await kube('/apis/apps/v1/namespaces/shop/deployments', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(deployment(name, 2)),
      });
      expect(r.status).toBe(201);
    }
    await waitFor('the pods', async () => (await podIps('blue')).filter(Boolean).length === 2);
    const revision = await system.git.commit(localRepository, {
      files: { 'shop.yaml': shopManifest(90) },
      replaceAll: true,
    });
    const secret = (await readFile(system.endpoints.webhookSecretFile!, 'utf8')).trim();
    const response = await deliver(
      system.endpoints.webhook!,
      gitHubPush({ cloneUrl: system.endpoints.repository!, revision }),
      secret,
    );
    expect(response.status).toBe(202);
    await waitFor('the reconcile outcome', () => events.some((e) => e.event === 'reconcile'));
  }, 180_000);
  afterAll(async () => {
    await system?.close();
    await rm(state, { recursive: true, force: true });
  });

  it('reconciles the push into Lattice and writes nothing to App Mesh', async () => {
    expect(events.filter((e) => e.event === 'reconcile').map((e) => e.outcome)).toEqual(['succeeded']);
    const client = lattice();
    const networks = (await client.send(new ListServiceNetworksCommand({}))).items ?? [];
    client.destroy();
    expect(networks.map((n) => n.name)).toEqual(['shop']);
    const appmesh = appMeshClientFor({ endpoint: system.endpoints.appmesh!, accountId: '111122223333' });
    expect((await appmesh.send(new ListMeshesCommand({}))).meshes).toEqual([]);
    appmesh.destroy();
  });

  it('registers each node’s ready pods in its target group and follows a scale-down', async () => {
    expect(await targetIps('api-shop-blue')).toEqual(await podIps('blue'));
    expect(await targetIps('api-shop-green')).toEqual(await podIps('green'));
    const r = await kube('/apis/apps/v1/namespaces/shop/deployments/blue/scale', {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ spec: { replicas: 1 } }),
    });
    expect(r.status).toBe(200);
    await waitFor(
      'the scale-down to reach Lattice',
      async () => (await targetIps('api-shop-blue')).length === 1,
    );
    expect(await targetIps('api-shop-blue')).toEqual(await podIps('blue'));
  }, 60_000);

  it('shows the Lattice run in status and plans no change for the pushed tree', async () => {
    const status = await runCli('status', '--local', '--state', state, '--output', 'json');
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout).targets[0]).toMatchObject({ targetId: localTargetId });
    const dir = await mkdtemp(join(tmpdir(), 'meshcd-lattice-tree-'));
    await writeFile(join(dir, 'shop.yaml'), shopManifest(90));
    const plan = await runCli('plan', dir, '--local', '--state', state, '--output', 'json');
    await rm(dir, { recursive: true, force: true });
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(0);
    expect(JSON.parse(plan.stdout)).toMatchObject({
      provider: 'lattice',
      summary: { create: 0, update: 0, delete: 0 },
    });
  }, 60_000);
});
