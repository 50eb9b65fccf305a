import * as sdk from '@aws-sdk/client-vpc-lattice';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  errorOf,
  type LatticeFixture,
  notFoundAction,
  serviceWithListener,
  startFixture,
  vpc,
} from './lattice-fixture.ts';

describe('VPC Lattice emulator pagination (§2.6) and clientToken idempotency (§2.5)', () => {
  let f: LatticeFixture;
  beforeEach(async () => {
    f = await startFixture();
  });
  afterEach(() => f.close());

  it('pages in creation order with maxResults and nextToken, through the SDK paginator', async () => {
    for (let i = 0; i < 7; i += 1)
      await f.client.send(new sdk.CreateServiceCommand({ name: `page-${String.fromCharCode(103 - i)}` }));
    const first = await f.client.send(new sdk.ListServicesCommand({ maxResults: 3 }));
    expect(first.items).toHaveLength(3);
    expect(first.nextToken).toBeTypeOf('string');
    const names: string[] = [];
    for await (const page of sdk.paginateListServices({ client: f.client, pageSize: 3 }, {})) {
      expect(page.items?.length).toBeLessThanOrEqual(3);
      names.push(...(page.items ?? []).map((s) => s.name as string));
    }
    expect(names).toEqual(['page-g', 'page-f', 'page-e', 'page-d', 'page-c', 'page-b', 'page-a']);
    const last = await f.client.send(new sdk.ListServicesCommand({ maxResults: 7 }));
    expect(last.nextToken).toBeUndefined();
  });

  it('keeps a token valid across creates and deletes, and refuses a token of another list', async () => {
    const { tg } = await serviceWithListener(f.client, 'paged');
    await f.client.send(
      new sdk.RegisterTargetsCommand({
        targetGroupIdentifier: tg.id,
        targets: ['10.0.0.1', '10.0.0.2', '10.0.0.3'].map((id) => ({ id })),
      }),
    );
    const page = await f.client.send(
      new sdk.ListTargetsCommand({ targetGroupIdentifier: tg.id, maxResults: 1 }),
    );
    const rest = await f.client.send(
      new sdk.ListTargetsCommand({ targetGroupIdentifier: tg.id, nextToken: page.nextToken }),
    );
    expect([...(page.items ?? []), ...(rest.items ?? [])].map((t) => t.id)).toEqual([
      '10.0.0.1',
      '10.0.0.2',
      '10.0.0.3',
    ]);
    const e = await errorOf(() => f.client.send(new sdk.ListServicesCommand({ nextToken: page.nextToken })));
    expect(e.name).toBe('ValidationException');
    const garbage = await errorOf(() =>
      f.client.send(new sdk.ListServicesCommand({ nextToken: 'not-a-token' })),
    );
    expect(garbage.name).toBe('ValidationException');
  });

  it('pages the default page size (§7.10) and every paginated list', async () => {
    f.handle.knobs.behaviours.defaultPageSize = 2;
    for (let i = 0; i < 3; i += 1)
      await f.client.send(new sdk.CreateServiceNetworkCommand({ name: `net-${i}` }));
    const page = await f.client.send(new sdk.ListServiceNetworksCommand({}));
    expect([page.items?.length, typeof page.nextToken]).toEqual([2, 'string']);
    let count = 0;
    for await (const p of sdk.paginateListServiceNetworks({ client: f.client }, {}))
      count += p.items?.length ?? 0;
    expect(count).toBe(3);
  });

  it('replays a Create with the same clientToken and input: same resource, nothing new', async () => {
    const input = { name: 'once', clientToken: 'token-1' };
    const a = await f.client.send(new sdk.CreateServiceCommand(input));
    const b = await f.client.send(new sdk.CreateServiceCommand(input));
    expect(b.id).toBe(a.id);
    expect((await f.client.send(new sdk.ListServicesCommand({}))).items).toHaveLength(1);
    const tg = await f.client.send(
      new sdk.CreateTargetGroupCommand({
        name: 'replayed',
        type: 'IP',
        clientToken: 't',
        config: { protocol: 'HTTP', vpcIdentifier: vpc },
      }),
    );
    const again = await f.client.send(
      new sdk.CreateTargetGroupCommand({
        name: 'replayed',
        type: 'IP',
        clientToken: 't',
        config: { protocol: 'HTTP', vpcIdentifier: vpc },
      }),
    );
    expect(again.id).toBe(tg.id);
  });

  it('answers a reused clientToken with a changed input with ConflictException, or the §7.9 switch', async () => {
    await f.client.send(new sdk.CreateServiceNetworkCommand({ name: 'first', clientToken: 'same' }));
    const e = await errorOf(() =>
      f.client.send(new sdk.CreateServiceNetworkCommand({ name: 'second', clientToken: 'same' })),
    );
    expect([e.name, e.$metadata.httpStatusCode]).toEqual(['ConflictException', 409]);
    f.handle.knobs.behaviours.clientTokenMismatchError = 'ValidationException';
    expect(
      (
        await errorOf(() =>
          f.client.send(new sdk.CreateServiceNetworkCommand({ name: 'third', clientToken: 'same' })),
        )
      ).name,
    ).toBe('ValidationException');
  });

  it('forgets a token after its lifetime (§7.9)', async () => {
    f.handle.knobs.behaviours.clientTokenTtlSeconds = 0;
    await f.client.send(new sdk.CreateServiceNetworkCommand({ name: 'ttl-a', clientToken: 'short' }));
    const b = await f.client.send(
      new sdk.CreateServiceNetworkCommand({ name: 'ttl-b', clientToken: 'short' }),
    );
    expect(b.name).toBe('ttl-b');
  });

  it('scopes tokens per account and per parent: listeners of two services may share a token', async () => {
    const one = await serviceWithListener(f.client, 'one');
    const two = await serviceWithListener(f.client, 'two');
    const make = (serviceIdentifier: string | undefined) =>
      f.client.send(
        new sdk.CreateListenerCommand({
          serviceIdentifier,
          name: 'https',
          protocol: 'HTTPS',
          defaultAction: notFoundAction,
          clientToken: 'shared',
        }),
      );
    const a = await make(one.service.id);
    const b = await make(two.service.id);
    expect(a.id).not.toBe(b.id);
  });

  it('returns the original answer when a fault hits after the commit and the SDK retries with the same token', async () => {
    f.handle.knobs.faults.CreateService = {
      errorType: 'InternalServerException',
      times: 1,
      afterCommit: true,
    };
    const retrying = f.clientAs(f.handle.accountId, 3);
    const created = await retrying.send(new sdk.CreateServiceCommand({ name: 'lost-answer' }));
    const all = (await f.client.send(new sdk.ListServicesCommand({}))).items ?? [];
    expect(all.map((s) => s.id)).toEqual([created.id]);
    expect(f.handle.calls.filter((c) => c.operation === 'CreateService').map((c) => c.status)).toEqual([
      500, 201,
    ]);
  });
});
