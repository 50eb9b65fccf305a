import * as sdk from '@aws-sdk/client-vpc-lattice';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

const policy = JSON.stringify({ Version: '2012-10-17', Statement: [] });

describe('VPC Lattice emulator deletion rules (§3.3)', () => {
  let f: LatticeFixture;
  beforeEach(async () => {
    f = await startFixture();
  });
  afterEach(() => f.close());

  const conflictOf = async (fn: () => Promise<unknown>) => {
    const e = await errorOf(fn);
    expect(e.name).toBe('ConflictException');
    return e;
  };

  it('refuses DeleteServiceNetwork while a service or VPC is associated, and cascades its policies and logs', async () => {
    const c = f.client;
    const sn = await createNetwork(c, 'del-net');
    const svc = await c.send(new sdk.CreateServiceCommand({ name: 'del-svc' }));
    const snsa = await c.send(
      new sdk.CreateServiceNetworkServiceAssociationCommand({
        serviceIdentifier: svc.id,
        serviceNetworkIdentifier: sn.id,
      }),
    );
    await conflictOf(() => c.send(new sdk.DeleteServiceNetworkCommand({ serviceNetworkIdentifier: sn.id })));
    await c.send(
      new sdk.DeleteServiceNetworkServiceAssociationCommand({
        serviceNetworkServiceAssociationIdentifier: snsa.id,
      }),
    );
    const snva = await c.send(
      new sdk.CreateServiceNetworkVpcAssociationCommand({
        serviceNetworkIdentifier: sn.id,
        vpcIdentifier: vpc,
      }),
    );
    await conflictOf(() => c.send(new sdk.DeleteServiceNetworkCommand({ serviceNetworkIdentifier: sn.id })));
    await c.send(
      new sdk.DeleteServiceNetworkVpcAssociationCommand({ serviceNetworkVpcAssociationIdentifier: snva.id }),
    );
    await c.send(new sdk.PutAuthPolicyCommand({ resourceIdentifier: sn.id, policy }));
    await c.send(new sdk.PutResourcePolicyCommand({ resourceArn: sn.arn, policy }));
    const als = await c.send(
      new sdk.CreateAccessLogSubscriptionCommand({
        resourceIdentifier: sn.id,
        destinationArn: 'arn:aws:s3:::logs-bucket',
      }),
    );
    await c.send(new sdk.DeleteServiceNetworkCommand({ serviceNetworkIdentifier: sn.id }));
    expect(
      (
        await errorOf(() =>
          c.send(new sdk.GetAccessLogSubscriptionCommand({ accessLogSubscriptionIdentifier: als.id })),
        )
      ).name,
    ).toBe('ResourceNotFoundException');
    // The network is gone at once (no status), so its name is free again.
    await createNetwork(c, 'del-net');
  });

  it('refuses DeleteService while associated; then takes listeners, rules and policies with it and keeps the name while DELETE_IN_PROGRESS', async () => {
    f.handle.knobs.timing.deleteMs = 60_000;
    const c = f.client;
    const sn = await createNetwork(c, 'svc-net');
    const { service, tg, listener } = await serviceWithListener(c, 'gone');
    const snsa = await c.send(
      new sdk.CreateServiceNetworkServiceAssociationCommand({
        serviceIdentifier: service.id,
        serviceNetworkIdentifier: sn.id,
      }),
    );
    await conflictOf(() => c.send(new sdk.DeleteServiceCommand({ serviceIdentifier: service.id })));
    f.handle.knobs.timing.deleteMs = 0;
    await c.send(
      new sdk.DeleteServiceNetworkServiceAssociationCommand({
        serviceNetworkServiceAssociationIdentifier: snsa.id,
      }),
    );
    f.handle.knobs.timing.deleteMs = 60_000;
    await c.send(new sdk.PutAuthPolicyCommand({ resourceIdentifier: service.id, policy }));
    expect((await c.send(new sdk.DeleteServiceCommand({ serviceIdentifier: service.id }))).status).toBe(
      'DELETE_IN_PROGRESS',
    );
    expect((await c.send(new sdk.GetServiceCommand({ serviceIdentifier: service.id }))).status).toBe(
      'DELETE_IN_PROGRESS',
    );
    await conflictOf(() => c.send(new sdk.CreateServiceCommand({ name: 'gone' })));
    expect(
      (
        await errorOf(() =>
          c.send(
            new sdk.GetListenerCommand({ serviceIdentifier: service.id, listenerIdentifier: listener.id }),
          ),
        )
      ).name,
    ).toBe('ResourceNotFoundException');
    // The listener is gone, so its target group is free to delete.
    expect(
      (await c.send(new sdk.GetTargetGroupCommand({ targetGroupIdentifier: tg.id }))).serviceArns,
    ).toEqual([]);
    await c.send(new sdk.DeleteTargetGroupCommand({ targetGroupIdentifier: tg.id }));
  });

  it('DeleteListener takes its rules with it', async () => {
    const c = f.client;
    const { service, listener } = await serviceWithListener(c, 'lst');
    const rule = await c.send(
      new sdk.CreateRuleCommand({
        serviceIdentifier: service.id,
        listenerIdentifier: listener.id,
        name: 'first',
        priority: 1,
        match: pathMatch('/'),
        action: notFoundAction,
      }),
    );
    await c.send(
      new sdk.DeleteListenerCommand({ serviceIdentifier: service.id, listenerIdentifier: listener.id }),
    );
    expect(
      (
        await errorOf(() =>
          c.send(
            new sdk.GetRuleCommand({
              serviceIdentifier: service.id,
              listenerIdentifier: listener.id,
              ruleIdentifier: rule.id,
            }),
          ),
        )
      ).name,
    ).toBe('ResourceNotFoundException');
  });

  it('refuses to delete or update the default rule', async () => {
    const c = f.client;
    const { service, listener } = await serviceWithListener(c, 'dflt');
    const [defaultRule] =
      (
        await c.send(
          new sdk.ListRulesCommand({ serviceIdentifier: service.id, listenerIdentifier: listener.id }),
        )
      ).items ?? [];
    const del = await errorOf(() =>
      c.send(
        new sdk.DeleteRuleCommand({
          serviceIdentifier: service.id,
          listenerIdentifier: listener.id,
          ruleIdentifier: defaultRule?.id,
        }),
      ),
    );
    expect(del.name).toBe('ValidationException');
    const upd = await errorOf(() =>
      c.send(
        new sdk.UpdateRuleCommand({
          serviceIdentifier: service.id,
          listenerIdentifier: listener.id,
          ruleIdentifier: defaultRule?.id,
          priority: 5,
        }),
      ),
    );
    expect(upd.name).toBe('ValidationException');
  });

  it('refuses DeleteTargetGroup while a listener or rule uses it or while it is CREATE_IN_PROGRESS', async () => {
    const c = f.client;
    const { service, tg, listener } = await serviceWithListener(c, 'used');
    await conflictOf(() => c.send(new sdk.DeleteTargetGroupCommand({ targetGroupIdentifier: tg.id })));
    await c.send(
      new sdk.UpdateListenerCommand({
        serviceIdentifier: service.id,
        listenerIdentifier: listener.id,
        defaultAction: notFoundAction,
      }),
    );
    await c.send(
      new sdk.CreateRuleCommand({
        serviceIdentifier: service.id,
        listenerIdentifier: listener.id,
        name: 'first',
        priority: 3,
        match: pathMatch('/x'),
        action: forward(tg.id as string),
      }),
    );
    await conflictOf(() => c.send(new sdk.DeleteTargetGroupCommand({ targetGroupIdentifier: tg.id })));
    f.handle.knobs.timing.createMs = 60_000;
    const fresh = await c.send(
      new sdk.CreateTargetGroupCommand({
        name: 'fresh',
        type: 'IP',
        config: { protocol: 'HTTP', vpcIdentifier: vpc },
      }),
    );
    const e = await conflictOf(() =>
      c.send(new sdk.DeleteTargetGroupCommand({ targetGroupIdentifier: fresh.id })),
    );
    expect(e.message).toMatch(/CREATE_IN_PROGRESS/);
  });

  it('allows DeleteTargetGroup with registered targets unless the §7.8 switch refuses it', async () => {
    const c = f.client;
    const make = (name: string) =>
      c.send(
        new sdk.CreateTargetGroupCommand({
          name,
          type: 'IP',
          config: { protocol: 'HTTP', vpcIdentifier: vpc },
        }),
      );
    const a = await make('with-targets');
    await c.send(
      new sdk.RegisterTargetsCommand({ targetGroupIdentifier: a.id, targets: [{ id: '10.1.0.1' }] }),
    );
    await c.send(new sdk.DeleteTargetGroupCommand({ targetGroupIdentifier: a.id }));
    f.handle.knobs.behaviours.deleteTargetGroupWithTargets = 'conflict';
    const b = await make('with-targets-two');
    await c.send(
      new sdk.RegisterTargetsCommand({ targetGroupIdentifier: b.id, targets: [{ id: '10.1.0.2' }] }),
    );
    await conflictOf(() => c.send(new sdk.DeleteTargetGroupCommand({ targetGroupIdentifier: b.id })));
  });

  it('refuses to delete an association while its create or update is in progress, naming the status', async () => {
    f.handle.knobs.timing.createMs = 60_000;
    const c = f.client;
    const sn = await createNetwork(c, 'busy');
    const svc = await c.send(new sdk.CreateServiceCommand({ name: 'busy-svc' }));
    const snsa = await c.send(
      new sdk.CreateServiceNetworkServiceAssociationCommand({
        serviceIdentifier: svc.id,
        serviceNetworkIdentifier: sn.id,
      }),
    );
    const e1 = await conflictOf(() =>
      c.send(
        new sdk.DeleteServiceNetworkServiceAssociationCommand({
          serviceNetworkServiceAssociationIdentifier: snsa.id,
        }),
      ),
    );
    expect(e1.message).toMatch(/CREATE_IN_PROGRESS/);
    const snva = await c.send(
      new sdk.CreateServiceNetworkVpcAssociationCommand({
        serviceNetworkIdentifier: sn.id,
        vpcIdentifier: vpc,
        securityGroupIds: ['sg-0123456789abcdef0'],
      }),
    );
    const e2 = await conflictOf(() =>
      c.send(
        new sdk.DeleteServiceNetworkVpcAssociationCommand({
          serviceNetworkVpcAssociationIdentifier: snva.id,
        }),
      ),
    );
    expect(e2.message).toMatch(/CREATE_IN_PROGRESS/);
  });

  it('DeleteAuthPolicy removes the policy; GetAuthPolicy then answers ResourceNotFound', async () => {
    const c = f.client;
    const sn = await createNetwork(c, 'auth');
    await c.send(new sdk.PutAuthPolicyCommand({ resourceIdentifier: sn.id, policy }));
    expect((await c.send(new sdk.GetAuthPolicyCommand({ resourceIdentifier: sn.id }))).state).toBe(
      'Inactive',
    );
    await c.send(new sdk.DeleteAuthPolicyCommand({ resourceIdentifier: sn.id }));
    expect(
      (await errorOf(() => c.send(new sdk.GetAuthPolicyCommand({ resourceIdentifier: sn.id })))).name,
    ).toBe('ResourceNotFoundException');
  });
});
