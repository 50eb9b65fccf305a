import * as sdk from '@aws-sdk/client-vpc-lattice';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { colorShape, groupName, network, service } from './desired-fixture.ts';
import { type LatticeWorld, startLatticeWorld } from './lattice-world.ts';

let world: LatticeWorld;
beforeEach(async () => {
  world = await startLatticeWorld();
  world.pod('blue-1', 'blue', '10.0.1.1');
  world.pod('blue-2', 'blue', '10.0.1.2');
  world.pod('red-1', 'red', '10.0.2.1');
  await world.apply([...network(), ...service(colorShape)]);
  world.handle.resetCalls();
});
afterEach(async () => {
  await world.close();
});

/** Registered targets of a group (not draining), as `ip:port`. */
const targetsOf = async (node: string) => {
  const groups = (await world.client.send(new sdk.ListTargetGroupsCommand({}))).items ?? [];
  const group = groups.find((g) => g.name === groupName('color', node));
  const items = (await world.client.send(new sdk.ListTargetsCommand({ targetGroupIdentifier: group!.id })))
    .items;
  return (items ?? [])
    .filter((t) => t.status !== 'DRAINING')
    .map((t) => `${t.id}:${t.port}`)
    .sort();
};

describe('Lattice targets follow the pods', () => {
  it('registers the ready pods of each node in its target groups when the groups are created', async () => {
    expect(await targetsOf('blue')).toEqual(['10.0.1.1:8080', '10.0.1.2:8080']);
    expect(await targetsOf('red')).toEqual(['10.0.2.1:8080']);
  });

  it('follows a scale-up and a pod deletion within one event each, touching only the groups concerned', async () => {
    world.pod('blue-3', 'blue', '10.0.1.3');
    const up = await world.podEvent('blue-3');
    expect(up.filter((o) => o.status === 'changed').map((o) => [o.registered, o.deregistered])).toEqual([
      [['10.0.1.3:8080'], []],
    ]);
    expect(await targetsOf('blue')).toEqual(['10.0.1.1:8080', '10.0.1.2:8080', '10.0.1.3:8080']);

    const terminating = world.pods.get('blue-1')!;
    (terminating.metadata as { deletionTimestamp?: string }).deletionTimestamp = new Date().toISOString();
    const down = await world.podEvent('blue-1');
    expect(down.filter((o) => o.status === 'changed').map((o) => o.deregistered)).toEqual([
      ['10.0.1.1:8080'],
    ]);
    expect(await targetsOf('blue')).toEqual(['10.0.1.2:8080', '10.0.1.3:8080']);

    world.pods.delete('blue-2');
    await world.podEvent('blue-2');
    expect(await targetsOf('blue')).toEqual(['10.0.1.3:8080']);
    expect(await targetsOf('red')).toEqual(['10.0.2.1:8080']);
    expect(world.writes().map((c) => c.operation)).toEqual([
      'RegisterTargets',
      'DeregisterTargets',
      'DeregisterTargets',
    ]);
  });

  it('makes no write for a replayed event, and none for pods of other namespaces', async () => {
    world.pod('blue-3', 'blue', '10.0.1.3');
    await world.podEvent('blue-3');
    world.handle.resetCalls();
    expect((await world.podEvent('blue-3')).every((o) => o.status === 'in-sync')).toBe(true);
    world.pod('elsewhere', 'blue', '10.9.9.9', { namespace: 'other' });
    expect(await world.podEvent('elsewhere', 'other')).toEqual([]);
    expect(world.writes()).toEqual([]);
  });

  it('leaves unready pods out and registers them once they are ready', async () => {
    world.pod('blue-3', 'blue', '10.0.1.3', { ready: false });
    await world.podEvent('blue-3');
    expect(await targetsOf('blue')).toEqual(['10.0.1.1:8080', '10.0.1.2:8080']);
    world.pod('blue-3', 'blue', '10.0.1.3');
    await world.podEvent('blue-3');
    expect(await targetsOf('blue')).toEqual(['10.0.1.1:8080', '10.0.1.2:8080', '10.0.1.3:8080']);
  });

  it('repairs missed events in the full resync', async () => {
    world.pods.delete('blue-1');
    world.pod('red-2', 'red', '10.0.2.2');
    const outcomes = await world.resync();
    expect(outcomes.every((o) => o.status !== 'failed')).toBe(true);
    expect(await targetsOf('blue')).toEqual(['10.0.1.2:8080']);
    expect(await targetsOf('red')).toEqual(['10.0.2.1:8080', '10.0.2.2:8080']);
    world.handle.resetCalls();
    await world.resync();
    expect(world.writes()).toEqual([]);
  });

  it('empties a target group before deleting it when its node leaves Git', async () => {
    const redOnly = {
      ...colorShape,
      groups: { red: { port: 8080 } },
      rules: { 'color-route': { priority: 1, prefix: '/', weights: { red: 1 } } },
    };
    const { result } = await world.apply([...network(), ...service(redOnly)]);
    expect(result.outcomes.filter((o) => o.status !== 'done')).toEqual([]);
    const ops = world.writes().map((c) => c.operation);
    expect(ops.indexOf('DeregisterTargets')).toBeLessThan(ops.indexOf('DeleteTargetGroup'));
    expect(world.conflicts()).toEqual([]);
    expect((await world.store.listInventory('lattice-test')).map((e) => e.key)).not.toContain(
      `lattice-targets:lattice:TargetGroup/${groupName('color', 'blue')}`,
    );
  });
});
