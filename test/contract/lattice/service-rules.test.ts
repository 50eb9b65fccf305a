import * as sdk from '@aws-sdk/client-vpc-lattice';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  errorOf,
  forward,
  type LatticeFixture,
  notFoundAction,
  pathMatch,
  ruleMaker,
  serviceWithListener,
  startFixture,
  vpc,
} from './lattice-fixture.ts';

describe('VPC Lattice emulator listener, rule and target-group rules (§3.2, §3.4–3.6) and the §7 switches', () => {
  let f: LatticeFixture;
  beforeEach(async () => {
    f = await startFixture();
  });
  afterEach(() => f.close());

  const nameOf = async (fn: () => Promise<unknown>) => (await errorOf(fn)).name;
  const tcpGroup = (name: string) =>
    f.client.send(
      new sdk.CreateTargetGroupCommand({
        name,
        type: 'IP',
        config: { protocol: 'TCP', port: 443, vpcIdentifier: vpc },
      }),
    );

  it('keeps rule priorities unique per listener (Conflict, or the §7.12 switch) and within the §7.3 range', async () => {
    const { service, listener } = await serviceWithListener(f.client, 'prio');
    const rule = ruleMaker(f.client, service.id, listener.id);
    await rule('first', 5);
    expect(await nameOf(() => rule('clash', 5))).toBe('ConflictException');
    f.handle.knobs.behaviours.duplicatePriorityError = 'ValidationException';
    expect(await nameOf(() => rule('clash', 5))).toBe('ValidationException');
    expect(await nameOf(() => rule('first', 6))).toBe('ConflictException');
    await rule('high', 2000);
    f.handle.knobs.behaviours.maxRulePriority = 100;
    expect(await nameOf(() => rule('higher', 101))).toBe('ValidationException');
    expect(await nameOf(() => rule('zero', 0))).toBe('ValidationException');
  });

  it('swaps priorities in one BatchUpdateRule on the end state, or refuses per item under the §7.23 switch', async () => {
    const { service, listener } = await serviceWithListener(f.client, 'batch');
    const rule = ruleMaker(f.client, service.id, listener.id);
    const a = await rule('aaa', 1);
    const b = await rule('bbb', 2);
    const batch = (rules: { ruleIdentifier: string | undefined; priority: number }[]) =>
      f.client.send(
        new sdk.BatchUpdateRuleCommand({
          serviceIdentifier: service.id,
          listenerIdentifier: listener.id,
          rules,
        }),
      );
    const swap = await batch([
      { ruleIdentifier: a.id, priority: 2 },
      { ruleIdentifier: b.id, priority: 1 },
    ]);
    expect(swap.successful?.map((r) => r.priority)).toEqual([2, 1]);
    expect(await nameOf(() => batch([{ ruleIdentifier: a.id, priority: 1 }]))).toBe('ConflictException');
    const partly = await batch([
      { ruleIdentifier: a.id, priority: 3 },
      { ruleIdentifier: 'rule-0123456789abcdefg', priority: 4 },
    ]);
    expect(partly.successful?.map((r) => r.id)).toEqual([a.id]);
    expect(partly.unsuccessful).toEqual([
      expect.objectContaining({
        ruleIdentifier: 'rule-0123456789abcdefg',
        failureCode: 'ResourceNotFoundException',
      }),
    ]);
    f.handle.knobs.behaviours.batchPriorityCheck = 'perItem';
    // a is at 3 and b at 1: a cannot take 1 while b holds it; b moves to 4 alone.
    const perItem = await batch([
      { ruleIdentifier: a.id, priority: 1 },
      { ruleIdentifier: b.id, priority: 4 },
    ]);
    expect(perItem.unsuccessful?.map((u) => [u.ruleIdentifier, u.failureCode])).toEqual([
      [a.id, 'ConflictException'],
    ]);
    expect(perItem.successful?.map((r) => r.priority)).toEqual([4]);
  });

  it('refuses a target group used by another service, a wrong protocol pairing and a fixed response other than 404/500', async () => {
    const one = await serviceWithListener(f.client, 'owner');
    const two = await f.client.send(new sdk.CreateServiceCommand({ name: 'thief' }));
    expect(
      await nameOf(() =>
        f.client.send(
          new sdk.CreateListenerCommand({
            serviceIdentifier: two.id,
            name: 'web',
            protocol: 'HTTP',
            defaultAction: forward(one.tg.id as string),
          }),
        ),
      ),
    ).toBe('ConflictException');
    f.handle.knobs.behaviours.targetGroupInUseError = 'ValidationException';
    expect(
      await nameOf(() =>
        f.client.send(
          new sdk.CreateListenerCommand({
            serviceIdentifier: two.id,
            name: 'web',
            protocol: 'HTTP',
            defaultAction: forward(one.tg.id as string),
          }),
        ),
      ),
    ).toBe('ValidationException');
    const tcp = await tcpGroup('tcp-group');
    expect(
      await nameOf(() =>
        f.client.send(
          new sdk.CreateListenerCommand({
            serviceIdentifier: two.id,
            name: 'web',
            protocol: 'HTTP',
            defaultAction: forward(tcp.id as string),
          }),
        ),
      ),
    ).toBe('ValidationException');
    expect(
      await nameOf(() =>
        f.client.send(
          new sdk.CreateListenerCommand({
            serviceIdentifier: two.id,
            name: 'web',
            protocol: 'HTTP',
            defaultAction: { fixedResponse: { statusCode: 503 } },
          }),
        ),
      ),
    ).toBe('ValidationException');
  });

  it('needs a custom domain for TLS_PASSTHROUGH, forwards it only to TCP groups and allows no rules on it', async () => {
    const plain = await f.client.send(new sdk.CreateServiceCommand({ name: 'plain' }));
    const tcp = await tcpGroup('tls-group');
    const tls = (serviceIdentifier: string | undefined, action: sdk.RuleAction) =>
      f.client.send(
        new sdk.CreateListenerCommand({
          serviceIdentifier,
          name: 'tls',
          protocol: 'TLS_PASSTHROUGH',
          defaultAction: action,
        }),
      );
    expect(await nameOf(() => tls(plain.id, forward(tcp.id as string)))).toBe('ValidationException');
    const custom = await f.client.send(
      new sdk.CreateServiceCommand({ name: 'custom', customDomainName: 'tls.example.com' }),
    );
    expect(await nameOf(() => tls(custom.id, notFoundAction))).toBe('ValidationException');
    const listener = await tls(custom.id, forward(tcp.id as string));
    expect(listener.port).toBe(443);
    expect(
      await nameOf(() =>
        f.client.send(
          new sdk.CreateRuleCommand({
            serviceIdentifier: custom.id,
            listenerIdentifier: listener.id,
            name: 'nope',
            priority: 1,
            match: pathMatch('/'),
            action: forward(tcp.id as string),
          }),
        ),
      ),
    ).toBe('ValidationException');
  });

  it('keeps listener ports unique per service unless the §7.14 switch allows sharing', async () => {
    const { service } = await serviceWithListener(f.client, 'ports');
    const second = () =>
      f.client.send(
        new sdk.CreateListenerCommand({
          serviceIdentifier: service.id,
          name: 'again',
          protocol: 'HTTPS',
          port: 80,
          defaultAction: notFoundAction,
        }),
      );
    expect(await nameOf(second)).toBe('ConflictException');
    f.handle.knobs.behaviours.listenerPortUnique = false;
    expect((await second()).port).toBe(80);
  });

  it('checks weights and duplicates per the §7.21 switches', async () => {
    const { service, tg } = await serviceWithListener(f.client, 'weights');
    const other = await f.client.send(
      new sdk.CreateTargetGroupCommand({
        name: 'weights-two',
        type: 'IP',
        config: { protocol: 'HTTP', vpcIdentifier: vpc },
      }),
    );
    const listener = (name: string, targetGroups: sdk.WeightedTargetGroup[]) =>
      f.client.send(
        new sdk.CreateListenerCommand({
          serviceIdentifier: service.id,
          name,
          protocol: 'HTTPS',
          defaultAction: { forward: { targetGroups } },
        }),
      );
    expect(
      await nameOf(() =>
        listener('dupes', [
          { targetGroupIdentifier: tg.id, weight: 1 },
          { targetGroupIdentifier: tg.arn, weight: 2 },
        ]),
      ),
    ).toBe('ValidationException');
    f.handle.knobs.behaviours.allZeroWeights = 'reject';
    expect(
      await nameOf(() =>
        listener('zeros', [
          { targetGroupIdentifier: tg.id, weight: 0 },
          { targetGroupIdentifier: other.id, weight: 0 },
        ]),
      ),
    ).toBe('ValidationException');
    f.handle.knobs.behaviours.allZeroWeights = 'allow';
    expect(
      (
        await listener('zeros', [
          { targetGroupIdentifier: tg.id, weight: 0 },
          { targetGroupIdentifier: other.id, weight: 0 },
        ])
      ).name,
    ).toBe('zeros');
  });

  it('fills a path match case sensitivity only when the §7.4 switch says so', async () => {
    const { service, listener } = await serviceWithListener(f.client, 'case');
    const rule = (name: string, priority: number) =>
      f.client.send(
        new sdk.CreateRuleCommand({
          serviceIdentifier: service.id,
          listenerIdentifier: listener.id,
          name,
          priority,
          match: pathMatch('/x'),
          action: notFoundAction,
        }),
      );
    expect((await rule('asis', 1)).match?.httpMatch?.pathMatch?.caseSensitive).toBeUndefined();
    f.handle.knobs.behaviours.pathCaseSensitiveDefault = 'true';
    expect((await rule('filled', 2)).match?.httpMatch?.pathMatch?.caseSensitive).toBe(true);
  });

  it('applies target-group type rules, TCP health checks per §7.7, and Update* changes only what it may', async () => {
    expect(
      await nameOf(() =>
        f.client.send(
          new sdk.CreateTargetGroupCommand({ name: 'lambda-port', type: 'LAMBDA', config: { port: 80 } }),
        ),
      ),
    ).toBe('ValidationException');
    const lambda = await f.client.send(
      new sdk.CreateTargetGroupCommand({ name: 'lambda-fn', type: 'LAMBDA' }),
    );
    expect(lambda.config).toEqual({ lambdaEventStructureVersion: 'V1' });
    expect(
      await nameOf(() =>
        f.client.send(
          new sdk.CreateTargetGroupCommand({ name: 'no-vpc', type: 'IP', config: { protocol: 'HTTP' } }),
        ),
      ),
    ).toBe('ValidationException');
    const tcpCheck = {
      protocol: 'TCP' as const,
      port: 443,
      vpcIdentifier: vpc,
      healthCheck: { enabled: true, protocol: 'TCP' as const },
    };
    expect(
      (
        await f.client.send(
          new sdk.CreateTargetGroupCommand({ name: 'tcp-checked', type: 'IP', config: tcpCheck }),
        )
      ).config?.healthCheck?.protocol,
    ).toBe('TCP');
    f.handle.knobs.behaviours.tcpHealthChecks = 'reject';
    expect(
      await nameOf(() =>
        f.client.send(
          new sdk.CreateTargetGroupCommand({ name: 'tcp-refused', type: 'IP', config: tcpCheck }),
        ),
      ),
    ).toBe('ValidationException');
    // Fields Update* does not have are refused rather than ignored.
    const raw = await fetch(
      `${f.handle.endpoint}/servicenetworks/${(await f.client.send(new sdk.CreateServiceNetworkCommand({ name: 'fixed-name' }))).id}`,
      {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ authType: 'AWS_IAM', name: 'renamed' }),
      },
    );
    expect([raw.status, raw.headers.get('x-amzn-errortype')]).toEqual([400, 'ValidationException']);
  });
});
