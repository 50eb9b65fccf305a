import {
  CreateServiceCommand,
  DeregisterInstanceCommand,
  DiscoverInstancesCommand,
  GetInstanceCommand,
  GetInstancesHealthStatusCommand,
  GetOperationCommand,
  ListInstancesCommand,
  ListOperationsCommand,
  paginateListInstances,
  RegisterInstanceCommand,
  ServiceDiscoveryClient,
  UpdateInstanceCustomHealthStatusCommand,
} from '@aws-sdk/client-servicediscovery';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type CloudMapFixture,
  controllerService,
  errorOf,
  privateNamespace,
  startCloudMapFixture,
} from './cloud-map-fixture.ts';

const pod = (ip: string, extra: Record<string, string> = {}) => ({
  AWS_INSTANCE_IPV4: ip,
  AWS_INSTANCE_PORT: '8080',
  'appmesh.k8s.aws/mesh': 'shop',
  'appmesh.k8s.aws/virtualNode': 'orders_shop',
  ...extra,
});

describe('Cloud Map emulator: instances, operations and health through the real SDK', () => {
  let f: CloudMapFixture;
  let serviceId: string;
  beforeEach(async () => {
    f = await startCloudMapFixture();
    const ns = await privateNamespace(f.client, 'shop.pvt.local');
    serviceId = (await controllerService(f.client, ns, 'orders')).Id!;
  });
  afterEach(async () => {
    await f.close();
  });

  it('registers asynchronously: the instance appears only when GetOperation says SUCCESS', async () => {
    f.handle.knobs.operationDelayMs = 3_000;
    const { OperationId } = await f.client.send(
      new RegisterInstanceCommand({
        ServiceId: serviceId,
        InstanceId: '10.0.0.1',
        Attributes: pod('10.0.0.1'),
      }),
    );
    expect((await f.client.send(new GetOperationCommand({ OperationId }))).Operation).toMatchObject({
      Status: 'SUBMITTED',
      Type: 'REGISTER_INSTANCE',
      Targets: { SERVICE: serviceId, INSTANCE: '10.0.0.1' },
    });
    expect((await f.client.send(new ListInstancesCommand({ ServiceId: serviceId }))).Instances).toEqual([]);
    // A second operation on the same instance while the first runs is a DuplicateRequest naming it.
    const busy = await errorOf(() =>
      f.client.send(new DeregisterInstanceCommand({ ServiceId: serviceId, InstanceId: '10.0.0.1' })),
    );
    expect(busy.name).toBe('DuplicateRequest');
    expect(busy.DuplicateOperationId).toBe(OperationId);

    f.advance(3_000);
    expect((await f.client.send(new GetOperationCommand({ OperationId }))).Operation?.Status).toBe('SUCCESS');
    const { Instances } = await f.client.send(new ListInstancesCommand({ ServiceId: serviceId }));
    expect(Instances).toEqual([
      { Id: '10.0.0.1', Attributes: pod('10.0.0.1'), CreatedByAccount: '111122223333' },
    ]);
    const listed = await f.client.send(
      new ListOperationsCommand({ Filters: [{ Name: 'SERVICE_ID', Values: [serviceId] }] }),
    );
    expect(listed.Operations).toEqual([{ Id: OperationId, Status: 'SUCCESS' }]);
  });

  it('re-registers as an upsert, deregisters asynchronously, and answers InstanceNotFound afterwards', async () => {
    await f.client.send(
      new RegisterInstanceCommand({
        ServiceId: serviceId,
        InstanceId: '10.0.0.1',
        Attributes: pod('10.0.0.1'),
      }),
    );
    await f.client.send(
      new RegisterInstanceCommand({
        ServiceId: serviceId,
        InstanceId: '10.0.0.1',
        Attributes: pod('10.0.0.1', { version: 'v2' }),
      }),
    );
    const { Instance } = await f.client.send(
      new GetInstanceCommand({ ServiceId: serviceId, InstanceId: '10.0.0.1' }),
    );
    expect(Instance?.Attributes?.version).toBe('v2');
    const { OperationId } = await f.client.send(
      new DeregisterInstanceCommand({ ServiceId: serviceId, InstanceId: '10.0.0.1' }),
    );
    expect((await f.client.send(new GetOperationCommand({ OperationId }))).Operation).toMatchObject({
      Status: 'SUCCESS',
      Type: 'DEREGISTER_INSTANCE',
    });
    const gone = await errorOf(() =>
      f.client.send(new GetInstanceCommand({ ServiceId: serviceId, InstanceId: '10.0.0.1' })),
    );
    expect(gone.name).toBe('InstanceNotFound');
    const again = await errorOf(() =>
      f.client.send(new DeregisterInstanceCommand({ ServiceId: serviceId, InstanceId: '10.0.0.1' })),
    );
    expect(again.name).toBe('InstanceNotFound');
  });

  it('requires AWS_INSTANCE_IPV4 for a service with an A record, and a valid address and port', async () => {
    const noIp = await errorOf(() =>
      f.client.send(
        new RegisterInstanceCommand({
          ServiceId: serviceId,
          InstanceId: 'x',
          Attributes: { AWS_INSTANCE_PORT: '80' },
        }),
      ),
    );
    expect(noIp.name).toBe('InvalidInput');
    expect(noIp.message).toMatch(/AWS_INSTANCE_IPV4 is required/);
    const badIp = await errorOf(() =>
      f.client.send(
        new RegisterInstanceCommand({ ServiceId: serviceId, InstanceId: 'x', Attributes: pod('10.0.0.300') }),
      ),
    );
    expect(badIp.message).toMatch(/not an IPv4 address/);
    const badId = await errorOf(() =>
      f.client.send(
        new RegisterInstanceCommand({
          ServiceId: serviceId,
          InstanceId: 'bad id',
          Attributes: pod('10.0.0.1'),
        }),
      ),
    );
    expect(badId.message).toMatch(/InstanceId must match pattern/);
    const noService = await errorOf(() =>
      f.client.send(
        new RegisterInstanceCommand({ ServiceId: 'srv-none', InstanceId: 'x', Attributes: pod('10.0.0.1') }),
      ),
    );
    expect(noService.name).toBe('ServiceNotFound');
  });

  it('starts health at AWS_INIT_HEALTH_STATUS and changes it after the custom health delay', async () => {
    await f.client.send(
      new RegisterInstanceCommand({
        ServiceId: serviceId,
        InstanceId: '10.0.0.1',
        Attributes: pod('10.0.0.1', { AWS_INIT_HEALTH_STATUS: 'UNHEALTHY' }),
      }),
    );
    await f.client.send(
      new RegisterInstanceCommand({
        ServiceId: serviceId,
        InstanceId: '10.0.0.2',
        Attributes: pod('10.0.0.2'),
      }),
    );
    const health = () =>
      f.client.send(new GetInstancesHealthStatusCommand({ ServiceId: serviceId })).then((r) => r.Status);
    expect(await health()).toEqual({ '10.0.0.1': 'UNHEALTHY', '10.0.0.2': 'HEALTHY' });

    f.handle.knobs.customHealthDelayMs = 30_000;
    await f.client.send(
      new UpdateInstanceCustomHealthStatusCommand({
        ServiceId: serviceId,
        InstanceId: '10.0.0.1',
        Status: 'HEALTHY',
      }),
    );
    expect((await health())?.['10.0.0.1']).toBe('UNHEALTHY');
    f.advance(30_000);
    expect((await health())?.['10.0.0.1']).toBe('HEALTHY');
    const unknown = await errorOf(() =>
      f.client.send(new GetInstancesHealthStatusCommand({ ServiceId: serviceId, Instances: ['10.9.9.9'] })),
    );
    expect(unknown.name).toBe('InstanceNotFound');
  });

  it('refuses custom health reports on a service made without a custom health check', async () => {
    const ns = await privateNamespace(f.client, 'plain.local');
    const { Service } = await f.client.send(
      new CreateServiceCommand({
        Name: 'plain',
        NamespaceId: ns,
        DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 60 }] },
      }),
    );
    await f.client.send(
      new RegisterInstanceCommand({
        ServiceId: Service!.Id,
        InstanceId: '10.0.0.1',
        Attributes: pod('10.0.0.1'),
      }),
    );
    const error = await errorOf(() =>
      f.client.send(
        new UpdateInstanceCustomHealthStatusCommand({
          ServiceId: Service!.Id,
          InstanceId: '10.0.0.1',
          Status: 'HEALTHY',
        }),
      ),
    );
    expect(error.name).toBe('CustomHealthNotFound');
  });

  it('discovers healthy instances by attribute on the data plane', async () => {
    for (const [ip, color] of [
      ['10.0.0.1', 'blue'],
      ['10.0.0.2', 'red'],
      ['10.0.0.3', 'blue'],
    ] as const)
      await f.client.send(
        new RegisterInstanceCommand({ ServiceId: serviceId, InstanceId: ip, Attributes: pod(ip, { color }) }),
      );
    await f.client.send(
      new UpdateInstanceCustomHealthStatusCommand({
        ServiceId: serviceId,
        InstanceId: '10.0.0.3',
        Status: 'UNHEALTHY',
      }),
    );
    const blue = await f.client.send(
      new DiscoverInstancesCommand({
        NamespaceName: 'shop.pvt.local',
        ServiceName: 'orders',
        QueryParameters: { color: 'blue' },
      }),
    );
    expect(blue.Instances?.map((i) => [i.InstanceId, i.HealthStatus])).toEqual([['10.0.0.1', 'HEALTHY']]);
    expect(blue.InstancesRevision).toBe(3);
    const all = await f.client.send(
      new DiscoverInstancesCommand({
        NamespaceName: 'shop.pvt.local',
        ServiceName: 'orders',
        HealthStatus: 'ALL',
      }),
    );
    expect(all.Instances).toHaveLength(3);
    const preferred = await f.client.send(
      new DiscoverInstancesCommand({
        NamespaceName: 'shop.pvt.local',
        ServiceName: 'orders',
        OptionalParameters: { color: 'green' },
      }),
    );
    // No instance matches the optional parameters, so they do not narrow the result.
    expect(preferred.Instances?.map((i) => i.InstanceId)).toEqual(['10.0.0.1', '10.0.0.2']);
    const missing = await errorOf(() =>
      f.client.send(new DiscoverInstancesCommand({ NamespaceName: 'nope.local', ServiceName: 'orders' })),
    );
    expect(missing.name).toBe('NamespaceNotFound');
  });

  it('is addressed on the data- host prefix by an SDK that keeps host prefixes', async () => {
    const client = new ServiceDiscoveryClient({
      endpoint: f.handle.endpoint,
      region: f.handle.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    const addressed: string[] = [];
    // The SDK prefixes the endpoint's hostname (`data-127.0.0.1`), which does not resolve; send it to the
    // emulator's address while the Host header keeps what the SDK chose.
    client.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { hostname: string };
        addressed.push(request.hostname);
        request.hostname = '127.0.0.1';
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low', name: 'loopbackDataPlane' },
    );
    f.handle.resetCalls();
    await client.send(
      new DiscoverInstancesCommand({ NamespaceName: 'shop.pvt.local', ServiceName: 'orders' }),
    );
    await client.send(new ListInstancesCommand({ ServiceId: serviceId }));
    client.destroy();
    expect(addressed).toEqual(['data-127.0.0.1', '127.0.0.1']);
    expect(f.handle.calls.map((c) => [c.operation, c.host])).toEqual([
      ['DiscoverInstances', `data-127.0.0.1:${f.handle.port}`],
      ['ListInstances', `127.0.0.1:${f.handle.port}`],
    ]);
  });

  it('pages instances with the SDK paginator and rejects a token from another list', async () => {
    for (let i = 1; i <= 5; i++)
      await f.client.send(
        new RegisterInstanceCommand({
          ServiceId: serviceId,
          InstanceId: `10.0.0.${i}`,
          Attributes: pod(`10.0.0.${i}`),
        }),
      );
    const ids: string[] = [];
    for await (const page of paginateListInstances(
      { client: f.client, pageSize: 2 },
      { ServiceId: serviceId },
    ))
      ids.push(...(page.Instances ?? []).map((i) => i.Id!));
    expect(ids).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5']);
    const { NextToken } = await f.client.send(
      new ListInstancesCommand({ ServiceId: serviceId, MaxResults: 2 }),
    );
    const wrong = await errorOf(() => f.client.send(new ListOperationsCommand({ NextToken })));
    expect(wrong.name).toBe('InvalidInput');
    const tooMany = await errorOf(() =>
      f.client.send(new ListInstancesCommand({ ServiceId: serviceId, MaxResults: 101 })),
    );
    expect(tooMany.name).toBe('InvalidInput');
  });
});
