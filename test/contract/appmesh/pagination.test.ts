import {
  CreateMeshCommand,
  CreateVirtualNodeCommand,
  DeleteVirtualNodeCommand,
  ListMeshesCommand,
  ListTagsForResourceCommand,
  ListVirtualNodesCommand,
  paginateListVirtualNodes,
  TagResourceCommand,
} from '@aws-sdk/client-app-mesh';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type EmulatorFixture, errorOf, startFixture } from './emulator-fixture.ts';

const meshName = 'pages';
const names = (n: number) => Array.from({ length: n }, (_, i) => `node-${String(i).padStart(3, '0')}`);

describe('App Mesh emulator pagination (§8)', () => {
  let f: EmulatorFixture;
  beforeEach(async () => {
    f = await startFixture();
    await f.client.send(new CreateMeshCommand({ meshName }));
  });
  afterEach(() => f.close());

  const createNodes = async (n: number) => {
    for (const virtualNodeName of names(n))
      await f.client.send(new CreateVirtualNodeCommand({ meshName, virtualNodeName, spec: {} }));
  };

  it('pages with limit and nextToken in name order, leaving nextToken out on the last page', async () => {
    await createNodes(5);
    const first = await f.client.send(new ListVirtualNodesCommand({ meshName, limit: 2 }));
    expect(first.virtualNodes?.map((n) => n.virtualNodeName)).toEqual(['node-000', 'node-001']);
    expect(first.nextToken).toBeTruthy();
    const second = await f.client.send(
      new ListVirtualNodesCommand({ meshName, limit: 2, nextToken: first.nextToken }),
    );
    expect(second.virtualNodes?.map((n) => n.virtualNodeName)).toEqual(['node-002', 'node-003']);
    const last = await f.client.send(new ListVirtualNodesCommand({ meshName, nextToken: second.nextToken }));
    expect(last.virtualNodes?.map((n) => n.virtualNodeName)).toEqual(['node-004']);
    expect(last.nextToken).toBeUndefined();
  });

  it('returns up to 100 items without a limit, and the SDK paginator walks all of them', async () => {
    await createNodes(103);
    const page = await f.client.send(new ListVirtualNodesCommand({ meshName }));
    expect(page.virtualNodes).toHaveLength(100);
    expect(page.nextToken).toBeTruthy();
    const seen: string[] = [];
    for await (const p of paginateListVirtualNodes({ client: f.client, pageSize: 40 }, { meshName }))
      seen.push(...(p.virtualNodes ?? []).map((n) => n.virtualNodeName as string));
    expect(seen).toEqual(names(103));
  });

  it('keeps a page token valid when items are deleted between pages', async () => {
    await createNodes(4);
    const first = await f.client.send(new ListVirtualNodesCommand({ meshName, limit: 2 }));
    await f.client.send(new DeleteVirtualNodeCommand({ meshName, virtualNodeName: 'node-001' }));
    await f.client.send(new DeleteVirtualNodeCommand({ meshName, virtualNodeName: 'node-002' }));
    const rest = await f.client.send(new ListVirtualNodesCommand({ meshName, nextToken: first.nextToken }));
    expect(rest.virtualNodes?.map((n) => n.virtualNodeName)).toEqual(['node-003']);
  });

  it('rejects a garbage token, and a token issued for another list, with BadRequest', async () => {
    await createNodes(3);
    const first = await f.client.send(new ListVirtualNodesCommand({ meshName, limit: 1 }));
    expect(
      (await errorOf(() => f.client.send(new ListVirtualNodesCommand({ meshName, nextToken: 'garbage' }))))
        .name,
    ).toBe('BadRequestException');
    expect(
      (await errorOf(() => f.client.send(new ListMeshesCommand({ nextToken: first.nextToken })))).name,
    ).toBe('BadRequestException');
  });

  it('rejects a limit outside 1..100 for resources and 1..50 for tags', async () => {
    expect(
      (await errorOf(() => f.client.send(new ListVirtualNodesCommand({ meshName, limit: 0 })))).name,
    ).toBe('BadRequestException');
    const resourceArn = `arn:aws:appmesh:us-west-2:${f.handle.accountId}:mesh/${meshName}`;
    expect(
      (await errorOf(() => f.client.send(new ListTagsForResourceCommand({ resourceArn, limit: 51 })))).name,
    ).toBe('BadRequestException');
  });

  it('pages tags by key', async () => {
    const resourceArn = `arn:aws:appmesh:us-west-2:${f.handle.accountId}:mesh/${meshName}`;
    await f.client.send(
      new TagResourceCommand({
        resourceArn,
        tags: ['c', 'a', 'b'].map((key) => ({ key, value: key.toUpperCase() })),
      }),
    );
    const first = await f.client.send(new ListTagsForResourceCommand({ resourceArn, limit: 2 }));
    expect(first.tags).toEqual([
      { key: 'a', value: 'A' },
      { key: 'b', value: 'B' },
    ]);
    const rest = await f.client.send(
      new ListTagsForResourceCommand({ resourceArn, nextToken: first.nextToken }),
    );
    expect(rest.tags).toEqual([{ key: 'c', value: 'C' }]);
    expect(rest.nextToken).toBeUndefined();
  });
});
