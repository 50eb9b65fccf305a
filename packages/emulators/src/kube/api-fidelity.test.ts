import { describe, expect, it } from 'vitest';
import { cm, emulatorFixture, type Loose, ns } from './emulator-fixture.ts';

const { start } = emulatorFixture();

describe('API behaviour clients rely on', () => {
  it('pages a list with limit and continue, each page pinned to the first resourceVersion', async () => {
    const { call } = await start();
    for (const name of ['a', 'b', 'c', 'd', 'e'])
      await call('POST', '/api/v1/namespaces/default/configmaps', cm(name, {}));
    const first = await call('GET', '/api/v1/namespaces/default/configmaps?limit=2');
    expect(first.body.items.map((o: Loose) => o.metadata.name)).toEqual(['a', 'b']);
    expect(first.body.metadata.remainingItemCount).toBe(3);
    const token = encodeURIComponent(first.body.metadata.continue);
    const second = await call('GET', `/api/v1/namespaces/default/configmaps?limit=2&continue=${token}`);
    expect(second.body.items.map((o: Loose) => o.metadata.name)).toEqual(['c', 'd']);
    expect(second.body.metadata.resourceVersion).toBe(first.body.metadata.resourceVersion);
    const last = await call(
      'GET',
      `/api/v1/namespaces/default/configmaps?limit=2&continue=${encodeURIComponent(second.body.metadata.continue)}`,
    );
    expect(last.body.items.map((o: Loose) => o.metadata.name)).toEqual(['e']);
    expect(last.body.metadata.continue).toBeUndefined();
    expect(
      (await call('GET', '/api/v1/namespaces/default/configmaps?limit=2&continue=nonsense')).status,
    ).toBe(400);
  });

  it('supports only the field selectors the real server supports for the kind', async () => {
    const { call } = await start();
    expect((await call('GET', '/api/v1/pods?fieldSelector=status.phase%3DRunning')).status).toBe(200);
    const refused = await call('GET', '/api/v1/configmaps?fieldSelector=data.mode%3Dfast');
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe('field label not supported: data.mode');
  });

  it('labels every namespace with its own name', async () => {
    const { call } = await start();
    const created = await call('POST', '/api/v1/namespaces', ns('shop', { team: 'a' }));
    expect(created.body.metadata.labels).toEqual({ team: 'a', 'kubernetes.io/metadata.name': 'shop' });
    const system = await call('GET', '/api/v1/namespaces/kube-system');
    expect(system.body.metadata.labels['kubernetes.io/metadata.name']).toBe('kube-system');
  });

  it('serves core/v1 events', async () => {
    const { call } = await start();
    const listed = await call('GET', '/api/v1/namespaces/default/events');
    expect(listed.status).toBe(200);
    expect(listed.body.kind).toBe('EventList');
  });
});
