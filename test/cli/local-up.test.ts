import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as lattice from '@aws-sdk/client-vpc-lattice';
import { afterEach, describe, expect, it } from 'vitest';
import { latticeClientFor } from '../../packages/emulators/src/lattice/index.ts';
import { startLocalUp } from './start-local-up.ts';

describe('meshcd local up', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('prints every endpoint as one JSON line, serves them, and stops cleanly on SIGINT', async () => {
    const { state, child, nextLine } = await startLocalUp(cleanups);
    const firstLine = await nextLine();
    const endpoints = JSON.parse(firstLine) as Record<string, string>;
    expect(Object.keys(endpoints).sort()).toEqual([
      'appmesh',
      'cloudmap',
      'commitStatusApi',
      'dynamodb',
      'eventbridge',
      'git',
      'kube',
      'kubeconfig',
      'lattice',
      'repository',
      'webhook',
      'webhookSecretFile',
    ]);
    expect(endpoints.commitStatusApi).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/github$/);
    for (const name of ['appmesh', 'cloudmap', 'dynamodb', 'eventbridge', 'git', 'kube', 'lattice']) {
      expect(endpoints[name]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    }
    const unsigned = await fetch(endpoints.webhook!, {
      method: 'POST',
      headers: { 'x-github-event': 'push' },
      body: '{}',
    });
    expect(unsigned.status).toBe(401);
    // One readable line per event handled, after the endpoints.
    expect(await nextLine()).toMatch(
      /^\d{4}-\d\d-\d\dT[\d:.]+Z WARN {2}push unauthorized: GitHub delivery without X-Hub-Signature-256 \(HTTP 401\)$/,
    );

    const meshes = await fetch(`${endpoints.appmesh}/v20190125/meshes`);
    expect(meshes.status).toBe(200);
    const namespaces = await fetch(endpoints.cloudmap!, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'Route53AutoNaming_v20170314.ListNamespaces',
      },
      body: '{}',
    });
    expect(await namespaces.json()).toEqual({ Namespaces: [] });
    const networks = await fetch(`${endpoints.lattice}/servicenetworks`);
    expect(networks.status).toBe(200);
    const version = await fetch(`${endpoints.kube}/version`);
    expect(version.status).toBe(200);
    expect(existsSync(join(state, 'endpoints.json'))).toBe(true);

    // One world: a Lattice target that is a pod's IP is as healthy as the pod is ready.
    const pods = `${endpoints.kube}/api/v1/namespaces/default/pods`;
    const json = { 'content-type': 'application/json' };
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-0' },
      spec: { containers: [{ name: 'web', image: 'nginx' }] },
    };
    expect((await fetch(pods, { method: 'POST', headers: json, body: JSON.stringify(pod) })).status).toBe(
      201,
    );
    const podIP = ((await (await fetch(`${pods}/web-0`)).json()) as { status: { podIP: string } }).status
      .podIP;
    const client = latticeClientFor({ endpoint: endpoints.lattice!, accountId: '111122223333' });
    cleanups.push(async () => client.destroy());
    const tg = await client.send(
      new lattice.CreateTargetGroupCommand({
        name: 'pods',
        type: 'IP',
        config: { protocol: 'HTTP', vpcIdentifier: 'vpc-0123456789abcdef0' },
      }),
    );
    const svc = await client.send(new lattice.CreateServiceCommand({ name: 'web' }));
    await client.send(
      new lattice.CreateListenerCommand({
        serviceIdentifier: svc.id,
        name: 'http',
        protocol: 'HTTP',
        defaultAction: { forward: { targetGroups: [{ targetGroupIdentifier: tg.id }] } },
      }),
    );
    await client.send(
      new lattice.RegisterTargetsCommand({ targetGroupIdentifier: tg.id, targets: [{ id: podIP }] }),
    );
    const podStatus = async () =>
      (await client.send(new lattice.ListTargetsCommand({ targetGroupIdentifier: tg.id }))).items?.[0]
        ?.status;
    expect(await podStatus()).toBe('HEALTHY');
    await fetch(`${pods}/web-0`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ metadata: { annotations: { 'local.meshcd.io/ready': 'false' } } }),
    });
    await fetch(`${pods}/web-0`);
    expect(await podStatus()).toBe('UNHEALTHY');

    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exit).toBe(0);
    expect(existsSync(join(state, 'endpoints.json'))).toBe(false);
    await expect(fetch(`${endpoints.appmesh}/v20190125/meshes`)).rejects.toThrow();
  });
});
