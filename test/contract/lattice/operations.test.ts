import * as sdk from '@aws-sdk/client-vpc-lattice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latticeOperationsInScope } from '../../../packages/emulators/src/lattice/index.ts';
import {
  forward,
  type LatticeFixture,
  notFoundAction,
  pathMatch,
  startFixture,
  vpc,
} from './lattice-fixture.ts';

const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const policy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: '*' }],
});

describe('VPC Lattice emulator: every operation in scope through the real SDK', () => {
  let f: LatticeFixture;
  beforeAll(async () => {
    f = await startFixture();
  });
  afterAll(() => f.close());

  it('creates, reads, updates, lists and deletes every kind of resource', async () => {
    const c = f.client;
    // Service network.
    const sn = await c.send(new sdk.CreateServiceNetworkCommand({ name: 'ops-net', tags: { team: 'a' } }));
    expect(sn).toMatchObject({ name: 'ops-net', authType: 'NONE' });
    expect(sn.id).toMatch(/^sn-[0-9a-z]{17}$/);
    expect(sn.arn).toBe(`arn:aws:vpc-lattice:us-west-2:111122223333:servicenetwork/${sn.id}`);
    const updatedSn = await c.send(
      new sdk.UpdateServiceNetworkCommand({ serviceNetworkIdentifier: sn.arn, authType: 'AWS_IAM' }),
    );
    expect(updatedSn.authType).toBe('AWS_IAM');
    const gotSn = await c.send(new sdk.GetServiceNetworkCommand({ serviceNetworkIdentifier: sn.id }));
    expect(gotSn.createdAt).toBeInstanceOf(Date);
    expect((await c.send(new sdk.ListServiceNetworksCommand({}))).items?.map((i) => i.id)).toEqual([sn.id]);

    // Service.
    const svc = await c.send(
      new sdk.CreateServiceCommand({
        name: 'ops-svc',
        customDomainName: 'ops.example.com',
        idleTimeoutSeconds: 120,
      }),
    );
    expect(svc.status).toBe('CREATE_IN_PROGRESS');
    expect(svc.id).toMatch(/^svc-[0-9a-z]{17}$/);
    expect(svc.dnsEntry?.domainName).toMatch(
      new RegExp(`^ops-svc-${svc.id?.slice(4)}\\.[0-9a-f]{7}\\.vpc-lattice-svcs\\.us-west-2\\.on\\.aws$`),
    );
    const gotSvc = await c.send(new sdk.GetServiceCommand({ serviceIdentifier: svc.arn }));
    expect(gotSvc).toMatchObject({ status: 'ACTIVE', authType: 'NONE', idleTimeoutSeconds: 120 });
    expect(
      (
        await c.send(
          new sdk.UpdateServiceCommand({
            serviceIdentifier: svc.id,
            authType: 'AWS_IAM',
            idleTimeoutSeconds: 300,
          }),
        )
      ).idleTimeoutSeconds,
    ).toBe(300);
    expect((await c.send(new sdk.ListServicesCommand({}))).items?.map((i) => i.name)).toEqual(['ops-svc']);

    // Target groups and targets.
    const tg = await c.send(
      new sdk.CreateTargetGroupCommand({
        name: 'ops-tg',
        type: 'IP',
        config: { protocol: 'HTTP', port: 8080, vpcIdentifier: vpc },
      }),
    );
    expect(tg.config).toMatchObject({ port: 8080, protocolVersion: 'HTTP1', ipAddressType: 'IPV4' });
    const tg2 = await c.send(
      new sdk.CreateTargetGroupCommand({
        name: 'ops-tg-two',
        type: 'IP',
        config: { protocol: 'HTTP', vpcIdentifier: vpc },
      }),
    );
    const updatedTg = await c.send(
      new sdk.UpdateTargetGroupCommand({
        targetGroupIdentifier: tg.id,
        healthCheck: { path: '/healthz', healthCheckIntervalSeconds: 10 },
      }),
    );
    expect(updatedTg.config?.healthCheck).toMatchObject({
      path: '/healthz',
      healthCheckIntervalSeconds: 10,
      healthyThresholdCount: 5,
      matcher: { httpCode: '200' },
    });
    const registered = await c.send(
      new sdk.RegisterTargetsCommand({
        targetGroupIdentifier: tg.id,
        targets: [{ id: '10.0.0.1' }, { id: '10.0.0.2', port: 9090 }],
      }),
    );
    expect(registered.successful).toEqual([
      { id: '10.0.0.1', port: 8080 },
      { id: '10.0.0.2', port: 9090 },
    ]);
    expect(
      (await c.send(new sdk.ListTargetsCommand({ targetGroupIdentifier: tg.id }))).items?.map(
        (t) => t.status,
      ),
    ).toEqual(['UNUSED', 'UNUSED']);

    // Listener, default rule, rules.
    const listener = await c.send(
      new sdk.CreateListenerCommand({
        serviceIdentifier: svc.id,
        name: 'web',
        protocol: 'HTTP',
        defaultAction: forward(tg.id as string),
      }),
    );
    expect(listener).toMatchObject({ port: 80, serviceId: svc.id, serviceArn: svc.arn });
    expect(listener.arn).toBe(`${svc.arn}/listener/${listener.id}`);
    const gotTg = await c.send(new sdk.GetTargetGroupCommand({ targetGroupIdentifier: tg.arn }));
    expect(gotTg.serviceArns).toEqual([svc.arn]);
    expect(
      (
        await c.send(
          new sdk.ListTargetsCommand({ targetGroupIdentifier: tg.id, targets: [{ id: '10.0.0.1' }] }),
        )
      ).items,
    ).toEqual([{ id: '10.0.0.1', port: 8080, status: 'HEALTHY' }]);
    const rule = await c.send(
      new sdk.CreateRuleCommand({
        serviceIdentifier: svc.id,
        listenerIdentifier: listener.arn,
        name: 'api',
        priority: 10,
        match: pathMatch('/api'),
        action: forward(tg2.id as string),
      }),
    );
    expect(rule.arn).toBe(`${listener.arn}/rule/${rule.id}`);
    const rule2 = await c.send(
      new sdk.CreateRuleCommand({
        serviceIdentifier: svc.id,
        listenerIdentifier: listener.id,
        name: 'gone',
        priority: 20,
        match: pathMatch('/gone'),
        action: notFoundAction,
      }),
    );
    const rules = await c.send(
      new sdk.ListRulesCommand({ serviceIdentifier: svc.id, listenerIdentifier: listener.id }),
    );
    expect(rules.items?.map((r) => [r.name, r.isDefault, r.priority])).toEqual([
      ['default', true, undefined],
      ['api', false, 10],
      ['gone', false, 20],
    ]);
    const defaultRule = await c.send(
      new sdk.GetRuleCommand({
        serviceIdentifier: svc.id,
        listenerIdentifier: listener.id,
        ruleIdentifier: rules.items?.[0]?.id,
      }),
    );
    expect(defaultRule.action).toEqual(forward(tg.id as string));
    expect(
      (
        await c.send(
          new sdk.UpdateRuleCommand({
            serviceIdentifier: svc.id,
            listenerIdentifier: listener.id,
            ruleIdentifier: rule.arn,
            priority: 15,
          }),
        )
      ).priority,
    ).toBe(15);
    const swapped = await c.send(
      new sdk.BatchUpdateRuleCommand({
        serviceIdentifier: svc.id,
        listenerIdentifier: listener.id,
        rules: [
          { ruleIdentifier: rule.id, priority: 20 },
          { ruleIdentifier: rule2.id, priority: 15 },
        ],
      }),
    );
    expect(swapped.successful?.map((r) => [r.name, r.priority])).toEqual([
      ['api', 20],
      ['gone', 15],
    ]);
    expect(swapped.unsuccessful).toEqual([]);
    const updatedListener = await c.send(
      new sdk.UpdateListenerCommand({
        serviceIdentifier: svc.id,
        listenerIdentifier: listener.id,
        defaultAction: notFoundAction,
      }),
    );
    expect(updatedListener.defaultAction).toEqual(notFoundAction);
    const gotListener = await c.send(
      new sdk.GetListenerCommand({ serviceIdentifier: svc.arn, listenerIdentifier: listener.id }),
    );
    expect(gotListener.lastUpdatedAt).toBeInstanceOf(Date);
    expect(
      (await c.send(new sdk.ListListenersCommand({ serviceIdentifier: svc.id }))).items?.map((l) => l.name),
    ).toEqual(['web']);

    // Associations.
    const snsa = await c.send(
      new sdk.CreateServiceNetworkServiceAssociationCommand({
        serviceIdentifier: svc.id,
        serviceNetworkIdentifier: sn.id,
      }),
    );
    expect(snsa).toMatchObject({
      status: 'CREATE_IN_PROGRESS',
      createdBy: '111122223333',
      customDomainName: 'ops.example.com',
    });
    expect(
      (
        await c.send(
          new sdk.GetServiceNetworkServiceAssociationCommand({
            serviceNetworkServiceAssociationIdentifier: snsa.arn,
          }),
        )
      ).status,
    ).toBe('ACTIVE');
    expect(
      (
        await c.send(
          new sdk.ListServiceNetworkServiceAssociationsCommand({ serviceNetworkIdentifier: sn.id }),
        )
      ).items?.map((a) => a.serviceName),
    ).toEqual(['ops-svc']);
    const snva = await c.send(
      new sdk.CreateServiceNetworkVpcAssociationCommand({
        serviceNetworkIdentifier: sn.arn,
        vpcIdentifier: vpc,
        securityGroupIds: ['sg-0123456789abcdef0'],
      }),
    );
    expect(snva.securityGroupIds).toEqual(['sg-0123456789abcdef0']);
    const updatedSnva = await c.send(
      new sdk.UpdateServiceNetworkVpcAssociationCommand({
        serviceNetworkVpcAssociationIdentifier: snva.id,
        securityGroupIds: ['sg-0123456789abcdef1'],
      }),
    );
    expect(updatedSnva.securityGroupIds).toEqual(['sg-0123456789abcdef1']);
    expect(
      (
        await c.send(
          new sdk.GetServiceNetworkVpcAssociationCommand({ serviceNetworkVpcAssociationIdentifier: snva.id }),
        )
      ).vpcId,
    ).toBe(vpc);
    expect(
      (await c.send(new sdk.ListServiceNetworkVpcAssociationsCommand({ vpcIdentifier: vpc }))).items,
    ).toHaveLength(1);
    expect(await c.send(new sdk.GetServiceNetworkCommand({ serviceNetworkIdentifier: sn.id }))).toMatchObject(
      { numberOfAssociatedServices: 1, numberOfAssociatedVPCs: 1 },
    );

    // Auth and resource policies, access logs.
    expect(await c.send(new sdk.PutAuthPolicyCommand({ resourceIdentifier: svc.id, policy }))).toMatchObject({
      policy,
      state: 'Active',
    });
    expect(
      (await c.send(new sdk.GetAuthPolicyCommand({ resourceIdentifier: svc.arn }))).createdAt,
    ).toBeInstanceOf(Date);
    await c.send(new sdk.PutResourcePolicyCommand({ resourceArn: sn.arn, policy }));
    expect((await c.send(new sdk.GetResourcePolicyCommand({ resourceArn: sn.arn }))).policy).toBe(policy);
    const als = await c.send(
      new sdk.CreateAccessLogSubscriptionCommand({
        resourceIdentifier: sn.id,
        destinationArn: 'arn:aws:logs:us-west-2:111122223333:log-group:lattice',
      }),
    );
    expect(als).toMatchObject({ resourceId: sn.id, resourceArn: sn.arn, serviceNetworkLogType: 'SERVICE' });
    expect(als.id).toMatch(/^als-/);
    const bucket = 'arn:aws:s3:::lattice-logs';
    expect(
      (
        await c.send(
          new sdk.UpdateAccessLogSubscriptionCommand({
            accessLogSubscriptionIdentifier: als.id,
            destinationArn: bucket,
          }),
        )
      ).destinationArn,
    ).toBe(bucket);
    const gotAls = await c.send(
      new sdk.GetAccessLogSubscriptionCommand({ accessLogSubscriptionIdentifier: als.arn }),
    );
    expect(gotAls.destinationArn).toBe(bucket);
    expect(
      (await c.send(new sdk.ListAccessLogSubscriptionsCommand({ resourceIdentifier: sn.arn }))).items,
    ).toHaveLength(1);

    // Tags on any ARN, rules included.
    await c.send(new sdk.TagResourceCommand({ resourceArn: rule.arn, tags: { a: '1', 'b c': '2' } }));
    await c.send(new sdk.UntagResourceCommand({ resourceArn: rule.arn, tagKeys: ['b c'] }));
    expect((await c.send(new sdk.ListTagsForResourceCommand({ resourceArn: rule.arn }))).tags).toEqual({
      a: '1',
    });
    expect((await c.send(new sdk.ListTagsForResourceCommand({ resourceArn: sn.arn }))).tags).toEqual({
      team: 'a',
    });

    // Teardown in the order the service requires.
    await c.send(new sdk.DeleteAccessLogSubscriptionCommand({ accessLogSubscriptionIdentifier: als.id }));
    await c.send(new sdk.DeleteResourcePolicyCommand({ resourceArn: sn.arn }));
    await c.send(new sdk.DeleteAuthPolicyCommand({ resourceIdentifier: svc.id }));
    expect(
      (
        await c.send(
          new sdk.DeleteServiceNetworkVpcAssociationCommand({
            serviceNetworkVpcAssociationIdentifier: snva.id,
          }),
        )
      ).status,
    ).toBe('DELETE_IN_PROGRESS');
    expect(
      (
        await c.send(
          new sdk.DeleteServiceNetworkServiceAssociationCommand({
            serviceNetworkServiceAssociationIdentifier: snsa.id,
          }),
        )
      ).status,
    ).toBe('DELETE_IN_PROGRESS');
    await c.send(
      new sdk.DeleteRuleCommand({
        serviceIdentifier: svc.id,
        listenerIdentifier: listener.id,
        ruleIdentifier: rule2.id,
      }),
    );
    await c.send(
      new sdk.DeleteListenerCommand({ serviceIdentifier: svc.id, listenerIdentifier: listener.id }),
    );
    const deregistered = await c.send(
      new sdk.DeregisterTargetsCommand({ targetGroupIdentifier: tg.id, targets: [{ id: '10.0.0.1' }] }),
    );
    expect(deregistered.successful).toEqual([{ id: '10.0.0.1', port: 8080 }]);
    expect((await c.send(new sdk.DeleteTargetGroupCommand({ targetGroupIdentifier: tg.id }))).status).toBe(
      'DELETE_IN_PROGRESS',
    );
    await c.send(new sdk.DeleteTargetGroupCommand({ targetGroupIdentifier: tg2.arn }));
    expect((await c.send(new sdk.DeleteServiceCommand({ serviceIdentifier: svc.id }))).status).toBe(
      'DELETE_IN_PROGRESS',
    );
    await c.send(new sdk.DeleteServiceNetworkCommand({ serviceNetworkIdentifier: sn.id }));
    expect((await c.send(new sdk.ListServicesCommand({}))).items).toEqual([]);
    expect((await c.send(new sdk.ListTargetGroupsCommand({}))).items).toEqual([]);
  });

  it('answers with ISO-8601 timestamps on the wire', async () => {
    const created = await f.client.send(new sdk.CreateServiceNetworkCommand({ name: 'wire-net' }));
    const raw = await fetch(`${f.handle.endpoint}/servicenetworks/${created.id}`);
    const body = (await raw.json()) as { createdAt: string; lastUpdatedAt: string };
    expect(raw.status).toBe(200);
    expect(body.createdAt).toMatch(iso);
    expect(body.lastUpdatedAt).toMatch(iso);
  });

  it('was driven through every operation in scope', () => {
    const seen = new Set(
      f.handle.calls.filter((c) => c.status >= 200 && c.status < 300).map((c) => c.operation),
    );
    expect(latticeOperationsInScope.filter((op) => !seen.has(op as never))).toEqual([]);
    expect(latticeOperationsInScope).toHaveLength(52);
  });
});
