import * as sdk from '@aws-sdk/client-vpc-lattice';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { colorShape, groupName, key, network, service } from './desired-fixture.ts';
import { type LatticeWorld, startLatticeWorld } from './lattice-world.ts';

let world: LatticeWorld;
beforeEach(async () => {
  world = await startLatticeWorld();
});
afterEach(async () => {
  await world.close();
});

const desired = (shape = colorShape) => [...network(), ...service(shape)];
const ruleOf = async (ruleName: string) => {
  const [svc] = (await world.client.send(new sdk.ListServicesCommand({}))).items ?? [];
  const [listener] =
    (await world.client.send(new sdk.ListListenersCommand({ serviceIdentifier: svc!.id }))).items ?? [];
  const rules = (
    await world.client.send(
      new sdk.ListRulesCommand({ serviceIdentifier: svc!.id, listenerIdentifier: listener!.id }),
    )
  ).items;
  const r = rules?.find((x) => x.name === ruleName);
  return world.client.send(
    new sdk.GetRuleCommand({
      serviceIdentifier: svc!.id,
      listenerIdentifier: listener!.id,
      ruleIdentifier: r!.id,
    }),
  );
};
const groupsByName = async () =>
  new Map(
    ((await world.client.send(new sdk.ListTargetGroupsCommand({}))).items ?? []).map((g) => [g.name!, g]),
  );

describe('the Lattice provider against the emulator', () => {
  it('creates every resource, tagged as meshcd’s, in an order Lattice accepts, and then has nothing to do', async () => {
    const { result } = await world.apply(desired());
    expect(result.outcomes.filter((o) => o.status !== 'done')).toEqual([]);
    const services = (await world.client.send(new sdk.ListServicesCommand({}))).items ?? [];
    expect(services.map((s) => s.name)).toEqual(['color']);
    const tags = await world.client.send(
      new sdk.ListTagsForResourceCommand({ resourceArn: services[0]!.arn }),
    );
    expect(tags.tags?.['meshcd:target']).toBe('lattice-test');
    const rule = await ruleOf('color-route');
    const groups = await groupsByName();
    expect(rule.action?.forward?.targetGroups).toEqual([
      { targetGroupIdentifier: groups.get(groupName('color', 'blue'))!.id, weight: 50 },
      { targetGroupIdentifier: groups.get(groupName('color', 'red'))!.id, weight: 50 },
    ]);

    world.handle.resetCalls();
    const again = await world.plan(desired());
    expect(again.changes.filter((c) => c.action !== 'unchanged')).toEqual([]);
    const second = await world.apply(desired());
    expect(second.result.writes).toBe(0);
    expect(world.writes()).toEqual([]);
    // Nothing changed since meshcd's writes: the inventory vouches for every spec, so nothing is described.
    expect(
      world.handle.calls.filter((c) => c.operation.startsWith('Get') && c.operation !== 'GetAuthPolicy'),
    ).toEqual([]);
  });

  it('reads each resource it creates once: an asynchronous one until ACTIVE, the others for their version', async () => {
    await world.apply(desired());
    const count = (prefix: string) => {
      const byKind: Record<string, number> = {};
      for (const c of world.handle.calls)
        if (c.operation.startsWith(prefix) && !c.errorType) {
          const kind = c.operation.slice(prefix.length);
          byKind[kind] = (byKind[kind] ?? 0) + 1;
        }
      return byKind;
    };
    const creates = count('Create');
    expect(creates.ServiceNetworkServiceAssociation).toBe(1);
    // The emulator makes each asynchronous resource ACTIVE at once, so one Get sees it ACTIVE with its version;
    // a network–service association has no version to read, so nothing more is asked of it.
    expect(count('Get')).toEqual(creates);
  });

  it('changes a weight with one UpdateRule', async () => {
    await world.apply(desired());
    world.handle.resetCalls();
    const shifted = {
      ...colorShape,
      rules: { 'color-route': { priority: 1, prefix: '/', weights: { blue: 90, red: 10 } } },
    };
    const { plan } = await world.apply(desired(shifted));
    const update = plan.changes.find((c) => c.action === 'update');
    expect(update?.key).toBe(
      key({ kind: 'Rule', serviceName: 'color', listenerName: 'http-80', name: 'color-route' }),
    );
    expect(update?.diff.map((d) => d.path)).toEqual([
      'action.forward.targetGroups[0].weight',
      'action.forward.targetGroups[1].weight',
    ]);
    expect(world.writes().map((c) => c.operation)).toEqual(['UpdateRule']);
    expect((await ruleOf('color-route')).action?.forward?.targetGroups?.map((t) => t.weight)).toEqual([
      90, 10,
    ]);
  });

  it('swaps two rules’ priorities in one batch, without a conflict', async () => {
    const two = {
      ...colorShape,
      rules: {
        blue: { priority: 1, prefix: '/blue', weights: { blue: 1 } },
        red: { priority: 2, prefix: '/red', weights: { red: 1 } },
      },
    };
    await world.apply(desired(two));
    world.handle.resetCalls();
    const swapped = {
      ...two,
      rules: { blue: { ...two.rules.blue, priority: 2 }, red: { ...two.rules.red, priority: 1 } },
    };
    const { result } = await world.apply(desired(swapped));
    expect(result.outcomes.filter((o) => o.status !== 'done')).toEqual([]);
    expect(world.writes().map((c) => c.operation)).toEqual(['BatchUpdateRule']);
    expect(world.conflicts()).toEqual([]);
    expect((await ruleOf('blue')).priority).toBe(2);
    expect((await ruleOf('red')).priority).toBe(1);
  });

  it('replaces a target group whose port changed: new group, rule repointed, old group deleted', async () => {
    await world.apply(desired());
    const before = await groupsByName();
    world.handle.resetCalls();
    const moved = { ...colorShape, groups: { ...colorShape.groups, blue: { port: 9090 } } };
    const { plan, result } = await world.apply(desired(moved));
    expect(result.outcomes.filter((o) => o.status !== 'done')).toEqual([]);
    expect(
      plan.changes.filter((c) => c.action !== 'unchanged').map((c) => `${c.action} ${c.reason} ${c.kind}`),
    ).toEqual(['create replaced TargetGroup', 'update spec-changed Rule', 'delete replaced TargetGroup']);
    expect(world.conflicts()).toEqual([]);
    const after = await groupsByName();
    expect(after.has(groupName('color', 'blue'))).toBe(false);
    const replacement = [...after.values()].find((g) => g.name!.startsWith(`${groupName('color', 'blue')}-`));
    expect(replacement?.port).toBe(9090);
    expect(after.get(groupName('color', 'red'))!.id).toBe(before.get(groupName('color', 'red'))!.id);
    const rule = await ruleOf('color-route');
    expect(rule.action?.forward?.targetGroups?.[0]?.targetGroupIdentifier).toBe(replacement!.id);

    world.handle.resetCalls();
    expect((await world.apply(desired(moved))).result.writes).toBe(0);
    expect(world.writes()).toEqual([]);
  });

  it('prunes everything when the files are gone, children first, never answered Conflict', async () => {
    await world.apply(desired());
    world.handle.resetCalls();
    const refused = await world.plan([]);
    expect(refused.blockers.map((b) => b.reason).sort()).toEqual(['mesh-deletion', 'prune-guard']);
    const { result } = await world.apply([], { allowPrune: true });
    expect(result.outcomes.filter((o) => o.status !== 'done')).toEqual([]);
    expect(world.conflicts()).toEqual([]);
    expect((await world.client.send(new sdk.ListServicesCommand({}))).items ?? []).toEqual([]);
    expect((await world.client.send(new sdk.ListTargetGroupsCommand({}))).items ?? []).toEqual([]);
    expect((await world.client.send(new sdk.ListServiceNetworksCommand({}))).items ?? []).toEqual([]);
    expect(await world.store.listInventory('lattice-test')).toEqual([]);
  });

  it('prunes exactly one removed service and leaves the rest alone', async () => {
    const other = {
      ...colorShape,
      service: 'shape',
      rules: { 'shape-route': { priority: 1, prefix: '/', weights: { blue: 1 } } },
      groups: { blue: { port: 8080 } },
    };
    await world.apply([...desired(), ...service(other)]);
    world.handle.resetCalls();
    const { plan } = await world.apply(desired(), { allowPrune: true });
    expect(
      plan.changes
        .filter((c) => c.action === 'delete')
        .map((c) => c.key)
        .sort(),
    ).toEqual(
      [
        key({ kind: 'Service', name: 'shape' }),
        key({
          kind: 'ServiceNetworkServiceAssociation',
          serviceNetworkName: 'demo-mesh',
          serviceName: 'shape',
        }),
        key({ kind: 'TargetGroup', name: groupName('shape', 'blue') }),
        key({ kind: 'Listener', serviceName: 'shape', name: 'http-80' }),
        key({ kind: 'Rule', serviceName: 'shape', listenerName: 'http-80', name: 'shape-route' }),
      ].sort(),
    );
    expect(world.conflicts()).toEqual([]);
    expect(
      ((await world.client.send(new sdk.ListServicesCommand({}))).items ?? []).map((s) => s.name),
    ).toEqual(['color']);
  });

  it('refuses to take over a same-named service it did not create, and never deletes what is not its own', async () => {
    await world.client.send(new sdk.CreateServiceCommand({ name: 'color' }));
    const plan = await world.plan(desired());
    expect(plan.blockers.map((b) => b.reason)).toEqual(['conflict']);
    expect(plan.changes.find((c) => c.key === key({ kind: 'Service', name: 'color' }))?.action).toBe('skip');

    const stranger = await world.client.send(
      new sdk.CreateTargetGroupCommand({
        name: 'stranger',
        type: 'IP',
        config: { port: 80, protocol: 'HTTP', vpcIdentifier: 'vpc-0123456789abcdef0' },
      }),
    );
    const adopted = await world.apply(desired(), { policy: { adopt: true } });
    expect(adopted.result.outcomes.filter((o) => o.status !== 'done')).toEqual([]);
    world.handle.resetCalls();
    await world.apply([], { allowPrune: true });
    expect((await groupsByName()).get('stranger')?.id).toBe(stranger.id);
    expect(world.conflicts()).toEqual([]);
  });

  it('sees an out-of-band weight edit as drift with its field difference, and heals it', async () => {
    await world.apply(desired());
    const rule = await ruleOf('color-route');
    const [svc] = (await world.client.send(new sdk.ListServicesCommand({}))).items ?? [];
    await world.client.send(
      new sdk.UpdateRuleCommand({
        serviceIdentifier: svc!.id,
        listenerIdentifier: rule.arn!.split('/')[3],
        ruleIdentifier: rule.id,
        action: {
          forward: {
            targetGroups: rule.action!.forward!.targetGroups!.map((t, i) => ({
              ...t,
              weight: i === 0 ? 100 : 0,
            })),
          },
        },
      }),
    );
    const plan = await world.plan(desired());
    const drifted = plan.changes.filter((c) => c.action !== 'unchanged');
    expect(drifted.map((c) => [c.action, c.reason, c.diff])).toEqual([
      [
        'update',
        'drifted',
        [
          { path: 'action.forward.targetGroups[0].weight', expected: 50, actual: 100 },
          { path: 'action.forward.targetGroups[1].weight', expected: 50, actual: 0 },
        ],
      ],
    ]);
    await world.apply(desired());
    expect((await ruleOf('color-route')).action?.forward?.targetGroups?.map((t) => t.weight)).toEqual([
      50, 50,
    ]);
  });

  it('waits for services, target groups and associations to become ACTIVE and to go, and retries throttling', async () => {
    world.handle.knobs.timing.createMs = 60;
    world.handle.knobs.timing.deleteMs = 60;
    world.handle.knobs.faults.CreateListener = { errorType: 'ThrottlingException', times: 1 };
    const { result } = await world.apply(desired());
    expect(result.outcomes.filter((o) => o.status !== 'done')).toEqual([]);
    expect(world.handle.calls.filter((c) => c.errorType === 'ThrottlingException')).toHaveLength(1);
    const statuses = world.handle.calls.filter((c) => c.operation === 'GetService').length;
    expect(statuses).toBeGreaterThan(0);
    world.handle.resetCalls();
    const pruned = await world.apply([], { allowPrune: true });
    expect(pruned.result.outcomes.filter((o) => o.status !== 'done')).toEqual([]);
    expect(world.conflicts()).toEqual([]);
    expect((await world.client.send(new sdk.ListServiceNetworksCommand({}))).items ?? []).toEqual([]);
  });
});
