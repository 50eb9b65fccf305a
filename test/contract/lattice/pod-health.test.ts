import * as sdk from '@aws-sdk/client-vpc-lattice';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emulatorFixture } from '../../../packages/emulators/src/kube/emulator-fixture.ts';
import { podReadinessHealth } from '../../../packages/emulators/src/pod-readiness-health.ts';
import { type LatticeFixture, serviceWithListener, startFixture } from './lattice-fixture.ts';

describe('Lattice target health from the Kubernetes emulator pods in one local world', () => {
  const kube = emulatorFixture();
  let f: LatticeFixture;
  beforeEach(async () => {
    f = await startFixture();
  });
  afterEach(() => f.close());

  it('follows pod readiness by pod IP and leaves other targets to the knobs', async () => {
    const { emulator, call } = await kube.start();
    const source = podReadinessHealth(emulator);
    f.handle.setHealthSource(source.health);
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-0', namespace: 'default' },
      spec: { containers: [{ name: 'web', image: 'nginx' }] },
    };
    expect((await call('POST', '/api/v1/namespaces/default/pods', pod)).status).toBe(201);
    const running = await call('GET', '/api/v1/namespaces/default/pods/web-0');
    const podIP = running.body.status.podIP as string;
    expect(podIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);

    const { tg } = await serviceWithListener(f.client, 'pods');
    await f.client.send(
      new sdk.RegisterTargetsCommand({
        targetGroupIdentifier: tg.id,
        targets: [{ id: podIP }, { id: '10.99.0.1' }],
      }),
    );
    f.handle.knobs.defaultTargetHealth = 'UNHEALTHY';
    const statuses = async () =>
      Object.fromEntries(
        ((await f.client.send(new sdk.ListTargetsCommand({ targetGroupIdentifier: tg.id }))).items ?? []).map(
          (t) => [t.id, t.status],
        ),
      );
    expect(await statuses()).toEqual({ [podIP]: 'HEALTHY', '10.99.0.1': 'UNHEALTHY' });

    const patched = await call(
      'PATCH',
      '/api/v1/namespaces/default/pods/web-0',
      { metadata: { annotations: { 'local.meshcd.io/ready': 'false' } } },
      'application/merge-patch+json',
    );
    expect(patched.status).toBe(200);
    await call('GET', '/api/v1/namespaces/default/pods/web-0');
    expect((await statuses())[podIP]).toBe('UNHEALTHY');
    source.stop();
  });
});
