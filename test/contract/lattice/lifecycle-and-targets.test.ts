import * as sdk from '@aws-sdk/client-vpc-lattice';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createNetwork,
  errorOf,
  forward,
  type LatticeFixture,
  serviceWithListener,
  startFixture,
  vpc,
} from './lattice-fixture.ts';

describe('VPC Lattice emulator lifecycle (§3.7) and targets (§3.8)', () => {
  let f: LatticeFixture;
  let now = Date.parse('2026-11-01T00:00:00Z');
  beforeEach(async () => {
    now = Date.parse('2026-11-01T00:00:00Z');
    f = await startFixture({
      nowMs: () => now,
      knobs: { timing: { createMs: 30_000, deleteMs: 10_000, drainingMs: 60_000, initialHealthMs: 5_000 } },
    });
  });
  afterEach(() => f.close());

  it('moves services, target groups and associations CREATE_IN_PROGRESS → ACTIVE → DELETE_IN_PROGRESS → gone', async () => {
    const c = f.client;
    const svc = await c.send(new sdk.CreateServiceCommand({ name: 'slow' }));
    expect((await c.send(new sdk.GetServiceCommand({ serviceIdentifier: svc.id }))).status).toBe(
      'CREATE_IN_PROGRESS',
    );
    const sn = await createNetwork(c, 'slow-net');
    now += 30_000;
    expect((await c.send(new sdk.GetServiceCommand({ serviceIdentifier: svc.id }))).status).toBe('ACTIVE');
    const snsa = await c.send(
      new sdk.CreateServiceNetworkServiceAssociationCommand({
        serviceIdentifier: svc.id,
        serviceNetworkIdentifier: sn.id,
      }),
    );
    const dup = await errorOf(() =>
      c.send(
        new sdk.CreateServiceNetworkServiceAssociationCommand({
          serviceIdentifier: svc.id,
          serviceNetworkIdentifier: sn.id,
        }),
      ),
    );
    expect([dup.name, dup.message]).toEqual([
      'ConflictException',
      expect.stringMatching(/CREATE_IN_PROGRESS/),
    ]);
    now += 30_000;
    expect(
      (
        await c.send(
          new sdk.DeleteServiceNetworkServiceAssociationCommand({
            serviceNetworkServiceAssociationIdentifier: snsa.id,
          }),
        )
      ).status,
    ).toBe('DELETE_IN_PROGRESS');
    expect(
      (
        await c.send(
          new sdk.GetServiceNetworkServiceAssociationCommand({
            serviceNetworkServiceAssociationIdentifier: snsa.id,
          }),
        )
      ).status,
    ).toBe('DELETE_IN_PROGRESS');
    now += 10_000;
    expect(
      (
        await errorOf(() =>
          c.send(
            new sdk.GetServiceNetworkServiceAssociationCommand({
              serviceNetworkServiceAssociationIdentifier: snsa.id,
            }),
          ),
        )
      ).name,
    ).toBe('ResourceNotFoundException');
    await c.send(new sdk.DeleteServiceCommand({ serviceIdentifier: svc.id }));
    now += 10_000;
    expect((await errorOf(() => c.send(new sdk.GetServiceCommand({ serviceIdentifier: svc.id })))).name).toBe(
      'ResourceNotFoundException',
    );
    await c.send(new sdk.CreateServiceCommand({ name: 'slow' }));
  });

  it('shows UPDATE_IN_PROGRESS on a VPC association being updated', async () => {
    const sn = await createNetwork(f.client, 'upd-net');
    const snva = await f.client.send(
      new sdk.CreateServiceNetworkVpcAssociationCommand({
        serviceNetworkIdentifier: sn.id,
        vpcIdentifier: vpc,
        securityGroupIds: ['sg-0123456789abcdef0'],
      }),
    );
    now += 30_000;
    await f.client.send(
      new sdk.UpdateServiceNetworkVpcAssociationCommand({
        serviceNetworkVpcAssociationIdentifier: snva.id,
        securityGroupIds: ['sg-0123456789abcdef1'],
      }),
    );
    expect(
      (
        await f.client.send(
          new sdk.GetServiceNetworkVpcAssociationCommand({ serviceNetworkVpcAssociationIdentifier: snva.id }),
        )
      ).status,
    ).toBe('UPDATE_IN_PROGRESS');
    now += 30_000;
    expect(
      (
        await f.client.send(
          new sdk.GetServiceNetworkVpcAssociationCommand({ serviceNetworkVpcAssociationIdentifier: snva.id }),
        )
      ).status,
    ).toBe('ACTIVE');
    // A VPC joins one network by association.
    const other = await createNetwork(f.client, 'other-net');
    expect(
      (
        await errorOf(() =>
          f.client.send(
            new sdk.CreateServiceNetworkVpcAssociationCommand({
              serviceNetworkIdentifier: other.id,
              vpcIdentifier: vpc,
            }),
          ),
        )
      ).name,
    ).toBe('ConflictException');
  });

  it('walks targets through UNUSED, INITIAL, HEALTHY/UNHEALTHY, DRAINING and gone', async () => {
    const c = f.client;
    const tg = await c.send(
      new sdk.CreateTargetGroupCommand({
        name: 'health',
        type: 'IP',
        config: { protocol: 'HTTP', port: 8080, vpcIdentifier: vpc },
      }),
    );
    await c.send(
      new sdk.RegisterTargetsCommand({
        targetGroupIdentifier: tg.id,
        targets: [{ id: '10.0.0.1' }, { id: '10.0.0.2' }],
      }),
    );
    const statuses = async () =>
      (await c.send(new sdk.ListTargetsCommand({ targetGroupIdentifier: tg.id }))).items?.map((t) => [
        t.id,
        t.status,
      ]);
    expect(await statuses()).toEqual([
      ['10.0.0.1', 'UNUSED'],
      ['10.0.0.2', 'UNUSED'],
    ]);
    const svc = await c.send(new sdk.CreateServiceCommand({ name: 'uses-it' }));
    await c.send(
      new sdk.CreateListenerCommand({
        serviceIdentifier: svc.id,
        name: 'web',
        protocol: 'HTTP',
        defaultAction: forward(tg.id as string),
      }),
    );
    expect(await statuses()).toEqual([
      ['10.0.0.1', 'INITIAL'],
      ['10.0.0.2', 'INITIAL'],
    ]);
    now += 5_000;
    f.handle.knobs.targetHealth['10.0.0.2'] = 'UNHEALTHY';
    expect(await statuses()).toEqual([
      ['10.0.0.1', 'HEALTHY'],
      ['10.0.0.2', 'UNHEALTHY'],
    ]);
    // A health source (the local world's pod readiness) speaks first, where it knows the target.
    f.handle.setHealthSource((t) => (t.id === '10.0.0.1' ? 'UNHEALTHY' : undefined));
    expect(await statuses()).toEqual([
      ['10.0.0.1', 'UNHEALTHY'],
      ['10.0.0.2', 'UNHEALTHY'],
    ]);
    f.handle.setHealthSource(undefined);
    const out = await c.send(
      new sdk.DeregisterTargetsCommand({
        targetGroupIdentifier: tg.id,
        targets: [{ id: '10.0.0.1' }, { id: '10.9.9.9' }],
      }),
    );
    expect(out.unsuccessful).toEqual([
      expect.objectContaining({ id: '10.9.9.9', failureCode: 'TargetNotFound' }),
    ]);
    expect(await statuses()).toEqual([
      ['10.0.0.1', 'DRAINING'],
      ['10.0.0.2', 'UNHEALTHY'],
    ]);
    now += 60_000;
    expect(await statuses()).toEqual([['10.0.0.2', 'UNHEALTHY']]);
  });

  it('reports health checks switched off as UNAVAILABLE and refuses targets that do not fit the group', async () => {
    const c = f.client;
    const { tg } = await serviceWithListener(c, 'nochecks');
    await c.send(
      new sdk.UpdateTargetGroupCommand({ targetGroupIdentifier: tg.id, healthCheck: { enabled: false } }),
    );
    const reg = await c.send(
      new sdk.RegisterTargetsCommand({
        targetGroupIdentifier: tg.id,
        targets: [{ id: '10.0.0.7' }, { id: 'i-0123456789abcdef0' }],
      }),
    );
    expect(reg.unsuccessful?.map((u) => [u.id, u.failureCode])).toEqual([
      ['i-0123456789abcdef0', 'InvalidTarget'],
    ]);
    expect(
      (await c.send(new sdk.ListTargetsCommand({ targetGroupIdentifier: tg.id }))).items?.map(
        (t) => t.status,
      ),
    ).toEqual(['UNAVAILABLE']);
  });
});
