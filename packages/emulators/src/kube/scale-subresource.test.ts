import { describe, expect, it } from 'vitest';
import { emulatorFixture } from './emulator-fixture.ts';

const { start } = emulatorFixture();

describe('the scale subresource', () => {
  it('serves the scale subresource of a Deployment, with resourceVersion preconditions', async () => {
    const { call } = await start();
    const created = await call('POST', '/apis/apps/v1/namespaces/default/deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web', tier: 'front' } },
        template: {
          metadata: { labels: { app: 'web', tier: 'front' } },
          spec: { containers: [{ name: 'web', image: 'web' }] },
        },
      },
    });
    const path = '/apis/apps/v1/namespaces/default/deployments/web/scale';
    const scale = await call('GET', path);
    expect(scale.body).toMatchObject({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      spec: { replicas: 2 },
      status: { selector: 'app=web,tier=front' },
    });
    const scaled = await call('PUT', path, { ...scale.body, spec: { replicas: 4 } });
    expect(scaled.body.spec.replicas).toBe(4);
    const stale = await call('PUT', path, { ...scale.body, spec: { replicas: 6 } });
    expect(stale.status).toBe(409);
    const patched = await call('PATCH', path, { spec: { replicas: 1 } }, 'application/merge-patch+json');
    expect(patched.body.spec.replicas).toBe(1);
    const live = await call('GET', '/apis/apps/v1/namespaces/default/deployments/web');
    expect(live.body.spec.replicas).toBe(1);
    expect(live.body.metadata.generation).toBe(created.body.metadata.generation + 2);
  });
});
