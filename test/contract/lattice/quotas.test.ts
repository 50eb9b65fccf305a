import * as sdk from '@aws-sdk/client-vpc-lattice';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultLatticeQuotas, latticeQuotaCodes } from '../../../packages/emulators/src/lattice/index.ts';
import {
  createNetwork,
  errorOf,
  forward,
  type LatticeFixture,
  notFoundAction,
  pathMatch,
  serviceWithListener,
  startFixture,
  vpc,
} from './lattice-fixture.ts';

type QuotaError = { serviceCode: string; quotaCode: string; resourceType: string };

describe('VPC Lattice emulator quotas (§3.9)', () => {
  let f: LatticeFixture;
  beforeEach(async () => {
    f = await startFixture();
  });
  afterEach(() => f.close());

  const expectQuota = async (fn: () => Promise<unknown>, code: string) => {
    const e = await errorOf<QuotaError>(fn);
    expect([e.name, e.$metadata.httpStatusCode, e.serviceCode, e.quotaCode]).toEqual([
      'ServiceQuotaExceededException',
      402,
      'vpc-lattice',
      code,
    ]);
  };
  const tg = (name: string, protocol: 'HTTP' | 'HTTPS' = 'HTTP') =>
    f.client.send(
      new sdk.CreateTargetGroupCommand({ name, type: 'IP', config: { protocol, vpcIdentifier: vpc } }),
    );

  it('has the documented defaults and codes', () => {
    expect(defaultLatticeQuotas).toMatchObject({
      serviceNetworksPerRegion: 50,
      servicesPerRegion: 2000,
      targetGroupsPerRegion: 500,
      listenersPerService: 2,
      rulesPerListener: 10,
      targetGroupsPerService: 10,
      targetsPerTargetGroup: 1000,
      serviceAssociationsPerServiceNetwork: 500,
      vpcAssociationsPerServiceNetwork: 500,
      authPolicyBytes: 10240,
    });
    expect(Object.values(latticeQuotaCodes)).toHaveLength(9);
  });

  it('service networks, services and target groups per region', async () => {
    Object.assign(f.handle.knobs.quotas, {
      serviceNetworksPerRegion: 1,
      servicesPerRegion: 1,
      targetGroupsPerRegion: 1,
    });
    await createNetwork(f.client, 'net-one');
    await expectQuota(() => createNetwork(f.client, 'net-two'), 'L-9CAD07FB');
    await f.client.send(new sdk.CreateServiceCommand({ name: 'first-svc' }));
    await expectQuota(
      () => f.client.send(new sdk.CreateServiceCommand({ name: 'second-svc' })),
      'L-620C821E',
    );
    await tg('first-group');
    await expectQuota(() => tg('second-group'), 'L-BB11C6B9');
  });

  it('listeners per service (2 by default)', async () => {
    const { service } = await serviceWithListener(f.client, 'two-listeners');
    await f.client.send(
      new sdk.CreateListenerCommand({
        serviceIdentifier: service.id,
        name: 'https',
        protocol: 'HTTPS',
        defaultAction: notFoundAction,
      }),
    );
    await expectQuota(
      () =>
        f.client.send(
          new sdk.CreateListenerCommand({
            serviceIdentifier: service.id,
            name: 'third',
            protocol: 'HTTP',
            port: 8080,
            defaultAction: notFoundAction,
          }),
        ),
      'L-D64E952E',
    );
  });

  it('rules per listener, not counting the default rule unless switched (§7.22)', async () => {
    f.handle.knobs.quotas.rulesPerListener = 2;
    const { service, listener } = await serviceWithListener(f.client, 'ruled');
    const rule = (priority: number) =>
      f.client.send(
        new sdk.CreateRuleCommand({
          serviceIdentifier: service.id,
          listenerIdentifier: listener.id,
          name: `prio-${priority}`,
          priority,
          match: pathMatch(`/${priority}`),
          action: notFoundAction,
        }),
      );
    await rule(1);
    f.handle.knobs.behaviours.defaultRuleCountsTowardQuota = true;
    await expectQuota(() => rule(2), 'L-CF78395E');
    f.handle.knobs.behaviours.defaultRuleCountsTowardQuota = false;
    await rule(2);
    await expectQuota(() => rule(3), 'L-CF78395E');
  });

  it('target groups per service across listeners and rules', async () => {
    f.handle.knobs.quotas.targetGroupsPerService = 2;
    const { service, listener } = await serviceWithListener(f.client, 'many-groups');
    const second = await tg('second-group');
    const third = await tg('third-group');
    await f.client.send(
      new sdk.CreateRuleCommand({
        serviceIdentifier: service.id,
        listenerIdentifier: listener.id,
        name: 'two',
        priority: 2,
        match: pathMatch('/2'),
        action: forward(second.id as string),
      }),
    );
    await expectQuota(
      () =>
        f.client.send(
          new sdk.CreateRuleCommand({
            serviceIdentifier: service.id,
            listenerIdentifier: listener.id,
            name: 'three',
            priority: 3,
            match: pathMatch('/3'),
            action: forward(third.id as string),
          }),
        ),
      'L-3DEC3B9F',
    );
  });

  it('targets per target group, counted before anything is registered', async () => {
    f.handle.knobs.quotas.targetsPerTargetGroup = 2;
    const group = await tg('few-targets');
    await f.client.send(
      new sdk.RegisterTargetsCommand({ targetGroupIdentifier: group.id, targets: [{ id: '10.0.0.1' }] }),
    );
    await expectQuota(
      () =>
        f.client.send(
          new sdk.RegisterTargetsCommand({
            targetGroupIdentifier: group.id,
            targets: [{ id: '10.0.0.2' }, { id: '10.0.0.3' }],
          }),
        ),
      'L-D71303F3',
    );
    expect(
      (await f.client.send(new sdk.ListTargetsCommand({ targetGroupIdentifier: group.id }))).items,
    ).toHaveLength(1);
    // Re-registering a present target is not a new one.
    await f.client.send(
      new sdk.RegisterTargetsCommand({
        targetGroupIdentifier: group.id,
        targets: [{ id: '10.0.0.1' }, { id: '10.0.0.2' }],
      }),
    );
  });

  it('service and VPC associations per service network', async () => {
    Object.assign(f.handle.knobs.quotas, {
      serviceAssociationsPerServiceNetwork: 1,
      vpcAssociationsPerServiceNetwork: 1,
    });
    const sn = await createNetwork(f.client, 'assoc');
    const [a, b] = await Promise.all([
      f.client.send(new sdk.CreateServiceCommand({ name: 'alpha' })),
      f.client.send(new sdk.CreateServiceCommand({ name: 'beta' })),
    ]);
    await f.client.send(
      new sdk.CreateServiceNetworkServiceAssociationCommand({
        serviceIdentifier: a.id,
        serviceNetworkIdentifier: sn.id,
      }),
    );
    await expectQuota(
      () =>
        f.client.send(
          new sdk.CreateServiceNetworkServiceAssociationCommand({
            serviceIdentifier: b.id,
            serviceNetworkIdentifier: sn.id,
          }),
        ),
      'L-75D4A19E',
    );
    await f.client.send(
      new sdk.CreateServiceNetworkVpcAssociationCommand({
        serviceNetworkIdentifier: sn.id,
        vpcIdentifier: vpc,
      }),
    );
    await expectQuota(
      () =>
        f.client.send(
          new sdk.CreateServiceNetworkVpcAssociationCommand({
            serviceNetworkIdentifier: sn.id,
            vpcIdentifier: 'vpc-0123456789abcdef1',
          }),
        ),
      'L-EF6E2D62',
    );
  });

  it('auth policy size: 10 KB, below the model limit (§7.19)', async () => {
    const sn = await createNetwork(f.client, 'big-policy');
    const policy = (size: number) => JSON.stringify({ Version: '2012-10-17', Sid: 'x'.repeat(size) });
    const overhead = policy(0).length;
    await f.client.send(
      new sdk.PutAuthPolicyCommand({ resourceIdentifier: sn.id, policy: policy(10240 - overhead) }),
    );
    const e = await errorOf<{ fieldList: { name: string }[] }>(() =>
      f.client.send(
        new sdk.PutAuthPolicyCommand({ resourceIdentifier: sn.id, policy: policy(10241 - overhead) }),
      ),
    );
    expect([e.name, e.fieldList[0]?.name]).toEqual(['ValidationException', 'policy']);
  });
});
