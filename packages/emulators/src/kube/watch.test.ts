import { describe, expect, it } from 'vitest';
import { cm, emulatorFixture, type Loose } from './emulator-fixture.ts';

const { start } = emulatorFixture();

/** Reads newline-delimited watch events until `count` have arrived, then stops reading. */
async function readEvents(response: Response, count: number): Promise<Loose[]> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: Loose[] = [];
  let buffer = '';
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      events.push(JSON.parse(buffer.slice(0, newline)));
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf('\n');
    }
  }
  await reader.cancel();
  return events;
}

describe('watch', () => {
  it('streams current objects as ADDED, then changes as they happen, filtered by selector', async () => {
    const { emulator, call } = await start();
    await call('POST', '/api/v1/namespaces/default/configmaps', cm('a', { v: '1' }, { watched: 'yes' }));
    await call('POST', '/api/v1/namespaces/default/configmaps', cm('ignored', {}, { watched: 'no' }));
    const response = await fetch(
      `${emulator.endpoint}/api/v1/namespaces/default/configmaps?watch=true&labelSelector=watched%3Dyes`,
    );
    const events = readEvents(response, 3);
    await call(
      'PATCH',
      '/api/v1/namespaces/default/configmaps/a',
      { data: { v: '2' } },
      'application/merge-patch+json',
    );
    await call(
      'PATCH',
      '/api/v1/namespaces/default/configmaps/ignored',
      { data: { v: '2' } },
      'application/merge-patch+json',
    );
    await call('DELETE', '/api/v1/namespaces/default/configmaps/a');
    const seen = await events;
    expect(seen.map((e) => [e.type, e.object.metadata.name, e.object.data?.v])).toEqual([
      ['ADDED', 'a', '1'],
      ['MODIFIED', 'a', '2'],
      ['DELETED', 'a', '2'],
    ]);
    const versions = seen.map((e) => Number(e.object.metadata.resourceVersion));
    expect(versions).toEqual([...versions].sort((x, y) => x - y));
  });

  it('replays changes after a given resourceVersion', async () => {
    const { emulator, call } = await start();
    const first = await call('POST', '/api/v1/namespaces/default/configmaps', cm('a', {}));
    await call('POST', '/api/v1/namespaces/default/configmaps', cm('b', {}));
    const response = await fetch(
      `${emulator.endpoint}/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${first.body.metadata.resourceVersion}`,
    );
    const [event] = await readEvents(response, 1);
    expect([event.type, event.object.metadata.name]).toEqual(['ADDED', 'b']);
  });

  it('ends the stream after timeoutSeconds', async () => {
    const { emulator } = await start();
    const response = await fetch(`${emulator.endpoint}/api/v1/namespaces?watch=true&timeoutSeconds=1`);
    expect(await readEvents(response, 100)).toHaveLength(4);
  });

  it('tells in-process listeners about each change', async () => {
    const { emulator, call } = await start();
    const seen: string[] = [];
    const stop = emulator.onChange((e) => seen.push(`${e.type} ${e.object.kind}/${e.object.metadata.name}`));
    await call('POST', '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'shop' },
    });
    await call('POST', '/api/v1/namespaces/shop/configmaps', cm('a', {}));
    await call('DELETE', '/api/v1/namespaces/shop');
    stop();
    await call('POST', '/api/v1/namespaces/default/configmaps', cm('late', {}));
    expect(seen).toEqual([
      'ADDED Namespace/shop',
      'ADDED ConfigMap/a',
      // The namespace turns Terminating first, then its contents and the namespace itself go.
      'MODIFIED Namespace/shop',
      'DELETED ConfigMap/a',
      'DELETED Namespace/shop',
    ]);
  });
});
