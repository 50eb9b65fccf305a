import {
  CreateHttpNamespaceCommand,
  CreatePrivateDnsNamespaceCommand,
  CreateServiceCommand,
  DeleteNamespaceCommand,
  DeleteServiceCommand,
  GetNamespaceCommand,
  GetOperationCommand,
  GetServiceCommand,
  ListNamespacesCommand,
  ListServicesCommand,
  ListTagsForResourceCommand,
  paginateListServices,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-servicediscovery';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type CloudMapFixture,
  controllerService,
  errorOf,
  privateNamespace,
  startCloudMapFixture,
} from './cloud-map-fixture.ts';

describe('Cloud Map emulator: namespaces and services through the real SDK', () => {
  let f: CloudMapFixture;
  beforeEach(async () => {
    f = await startCloudMapFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  it('creates a namespace asynchronously: the operation is SUBMITTED until it completes, then the namespace exists', async () => {
    f.handle.knobs.operationDelayMs = 5_000;
    const { OperationId } = await f.client.send(
      new CreatePrivateDnsNamespaceCommand({ Name: 'shop.pvt.local', Vpc: 'vpc-1' }),
    );
    const pending = await f.client.send(new GetOperationCommand({ OperationId }));
    expect(pending.Operation).toMatchObject({ Status: 'SUBMITTED', Type: 'CREATE_NAMESPACE' });
    expect((await f.client.send(new ListNamespacesCommand({}))).Namespaces).toEqual([]);

    f.advance(5_000);
    const done = await f.client.send(new GetOperationCommand({ OperationId }));
    expect(done.Operation?.Status).toBe('SUCCESS');
    expect(done.Operation?.UpdateDate).toBeInstanceOf(Date);
    const id = done.Operation?.Targets?.NAMESPACE as string;
    const { Namespace } = await f.client.send(new GetNamespaceCommand({ Id: id }));
    expect(Namespace).toMatchObject({
      Id: id,
      Name: 'shop.pvt.local',
      Type: 'DNS_PRIVATE',
      ServiceCount: 0,
      Arn: `arn:aws:servicediscovery:us-west-2:111122223333:namespace/${id}`,
    });
    expect(Namespace?.Properties?.DnsProperties?.HostedZoneId).toMatch(/^Z[A-Z0-9]+$/);
  });

  it('finds a namespace by name with the NAME filter, as meshcd and the controller look it up', async () => {
    await privateNamespace(f.client, 'a.local');
    const wanted = await privateNamespace(f.client, 'b.local');
    const { Namespaces } = await f.client.send(
      new ListNamespacesCommand({ Filters: [{ Name: 'NAME', Values: ['b.local'], Condition: 'EQ' }] }),
    );
    expect(Namespaces?.map((n) => n.Id)).toEqual([wanted]);
    const byType = await f.client.send(
      new ListNamespacesCommand({ Filters: [{ Name: 'TYPE', Values: ['HTTP'] }] }),
    );
    expect(byType.Namespaces).toEqual([]);
  });

  it('refuses a second namespace of the same name, naming the first; a replayed request answers the first operation', async () => {
    const first = await f.client.send(
      new CreateHttpNamespaceCommand({ Name: 'api', CreatorRequestId: 'req-1' }),
    );
    const replay = await f.client.send(
      new CreateHttpNamespaceCommand({ Name: 'api', CreatorRequestId: 'req-1' }),
    );
    expect(replay.OperationId).toBe(first.OperationId);
    const duplicate = await errorOf(() =>
      f.client.send(
        new CreateHttpNamespaceCommand({ Name: 'api', CreatorRequestId: 'req-1', Description: 'other' }),
      ),
    );
    expect(duplicate.name).toBe('DuplicateRequest');
    expect(duplicate.DuplicateOperationId).toBe(first.OperationId);
    const exists = await errorOf(() => f.client.send(new CreateHttpNamespaceCommand({ Name: 'api' })));
    expect(exists.name).toBe('NamespaceAlreadyExists');
    expect(exists.NamespaceId).toMatch(/^ns-/);
  });

  it('creates a service as the controller does and refuses a duplicate name with its id', async () => {
    const ns = await privateNamespace(f.client, 'shop.local');
    const service = await controllerService(f.client, ns, 'orders');
    expect(service).toMatchObject({
      Name: 'orders',
      NamespaceId: ns,
      Type: 'DNS_HTTP',
      DnsConfig: { RoutingPolicy: 'MULTIVALUE', DnsRecords: [{ Type: 'A', TTL: 300 }] },
      HealthCheckCustomConfig: { FailureThreshold: 1 },
      InstanceCount: 0,
    });
    expect(service.CreateDate).toBeInstanceOf(Date);
    const again = await errorOf(() => controllerService(f.client, ns, 'orders'));
    expect(again.name).toBe('ServiceAlreadyExists');
    expect(again.ServiceId).toBe(service.Id);
    const { Service } = await f.client.send(new GetServiceCommand({ Id: service.Id }));
    expect(Service?.CreatorRequestId).toBe(service.CreatorRequestId);
  });

  it('refuses DNS settings in an HTTP namespace, a Route 53 health check in a private one, and a missing namespace', async () => {
    const { OperationId } = await f.client.send(new CreateHttpNamespaceCommand({ Name: 'http-ns' }));
    const { Operation } = await f.client.send(new GetOperationCommand({ OperationId }));
    const httpNs = Operation?.Targets?.NAMESPACE as string;
    const dns = await errorOf(() => controllerService(f.client, httpNs, 'x'));
    expect(dns.name).toBe('InvalidInput');
    const ns = await privateNamespace(f.client, 'p.local');
    const r53 = await errorOf(() =>
      f.client.send(
        new CreateServiceCommand({
          Name: 'y',
          NamespaceId: ns,
          HealthCheckConfig: { Type: 'HTTP', ResourcePath: '/' },
        }),
      ),
    );
    expect(r53.name).toBe('InvalidInput');
    const missing = await errorOf(() => controllerService(f.client, 'ns-doesnotexist0000', 'z'));
    expect(missing.name).toBe('NamespaceNotFound');
  });

  it('checks input against the model: a service name that breaks the pattern is InvalidInput', async () => {
    const ns = await privateNamespace(f.client, 'm.local');
    const error = await errorOf(() =>
      f.client.send(new CreateServiceCommand({ Name: 'bad name!', NamespaceId: ns })),
    );
    expect(error.name).toBe('InvalidInput');
    expect(error.message).toMatch(/Name must match pattern/);
  });

  it('lists services of one namespace page by page with the SDK paginator', async () => {
    const ns = await privateNamespace(f.client, 'many.local');
    const other = await privateNamespace(f.client, 'other.local');
    for (let i = 0; i < 7; i++) await controllerService(f.client, ns, `s${i}`);
    await controllerService(f.client, other, 'elsewhere');
    const names: string[] = [];
    let pages = 0;
    for await (const page of paginateListServices(
      { client: f.client, pageSize: 3 },
      { Filters: [{ Name: 'NAMESPACE_ID', Values: [ns], Condition: 'EQ' }] },
    )) {
      pages++;
      names.push(...(page.Services ?? []).map((s) => s.Name!));
    }
    expect(pages).toBe(3);
    expect(names.sort()).toEqual(['s0', 's1', 's2', 's3', 's4', 's5', 's6']);
  });

  it('tags namespaces and services, and refuses deleting a namespace that still has services', async () => {
    const ns = await privateNamespace(f.client, 't.local');
    const service = await controllerService(f.client, ns, 'tagged');
    await f.client.send(
      new TagResourceCommand({ ResourceARN: service.Arn, Tags: [{ Key: 'meshcd:target', Value: 'prod' }] }),
    );
    await f.client.send(
      new TagResourceCommand({ ResourceARN: service.Arn, Tags: [{ Key: 'team', Value: 'a' }] }),
    );
    await f.client.send(new UntagResourceCommand({ ResourceARN: service.Arn, TagKeys: ['team'] }));
    const { Tags } = await f.client.send(new ListTagsForResourceCommand({ ResourceARN: service.Arn }));
    expect(Tags).toEqual([{ Key: 'meshcd:target', Value: 'prod' }]);
    const missing = await errorOf(() =>
      f.client.send(new ListTagsForResourceCommand({ ResourceARN: `${service.Arn}x` })),
    );
    expect(missing.name).toBe('ResourceNotFoundException');

    const inUse = await errorOf(() => f.client.send(new DeleteNamespaceCommand({ Id: ns })));
    expect(inUse.name).toBe('ResourceInUse');
    await f.client.send(new DeleteServiceCommand({ Id: service.Id }));
    const { OperationId } = await f.client.send(new DeleteNamespaceCommand({ Id: ns }));
    expect((await f.client.send(new GetOperationCommand({ OperationId }))).Operation?.Status).toBe('SUCCESS');
    const gone = await errorOf(() => f.client.send(new GetNamespaceCommand({ Id: ns })));
    expect(gone.name).toBe('NamespaceNotFound');
    expect((await f.client.send(new ListServicesCommand({}))).Services).toEqual([]);
  });
});
