import { reconcile, type StateStore } from '@meshcd/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { node, router, SHOP, service } from '../../packages/core/src/lattice/lattice-test-set.ts';
import { type LatticeWorld, latticeTarget, startLatticeWorld } from './lattice-world.ts';

let world: LatticeWorld;
beforeEach(async () => {
  world = await startLatticeWorld();
});
afterEach(async () => {
  await world.close();
});

const manifests =
  SHOP +
  node('blue') +
  node('red') +
  router(
    'color',
    '    - portMapping: { port: 8080, protocol: http }',
    `    - name: split
      httpRoute:
        match: { prefix: / }
        action: { weightedTargets: [{ virtualNodeRef: { name: blue }, weight: 90 }, { virtualNodeRef: { name: red }, weight: 10 }] }
`,
  ) +
  service('color', '{ virtualRouter: { virtualRouterRef: { name: color } } }');

/** The world's store, counting the calls made to it by method name. */
function countingStore(store: StateStore) {
  const calls: Record<string, number> = {};
  const counted = new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls[String(name)] = (calls[String(name)] ?? 0) + 1;
        return value.apply(target, args);
      };
    },
  });
  return { counted, calls };
}

describe('a Lattice run with nothing to do', () => {
  it('reads Lattice only through List calls and the inventory only as lists, and writes neither', async () => {
    const { counted, calls } = countingStore(world.store);
    const run = (runId: string) =>
      reconcile({
        target: latticeTarget,
        revision: 'r1',
        files: [{ path: 'color.yaml', content: manifests }],
        lattice: world.api,
        state: counted,
        runId,
        now: () => new Date(),
      });
    expect((await run('first')).status).toBe('succeeded');
    for (const name of Object.keys(calls)) delete calls[name];
    world.handle.resetCalls();

    const again = await run('again');
    expect(again.status).toBe('succeeded');
    expect(again.latticePlan?.changes.every((c) => c.action === 'unchanged')).toBe(true);
    expect(world.handle.calls.filter((c) => !c.operation.startsWith('List'))).toEqual([]);
    // Each unchanged resource is checked against the inventory the run listed, not read again one by one.
    expect(calls.getInventory ?? 0).toBe(0);
    expect(calls.putInventory ?? 0).toBe(0);
    expect(calls.deleteInventory ?? 0).toBe(0);
  });
});
