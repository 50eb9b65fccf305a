import { reconcile } from '@meshcd/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latticeQuotaFit } from '../../packages/core/src/lattice/lattice-quota-fit.ts';
import { defaultLatticeQuotaLimits } from '../../packages/core/src/lattice/lattice-quotas.ts';
import {
  node,
  router,
  SHOP,
  service,
  translateSet,
} from '../../packages/core/src/lattice/lattice-test-set.ts';
import { observeLattice } from '../../packages/core/src/lattice/observe-lattice.ts';
import { planLattice } from '../../packages/core/src/lattice/plan-lattice.ts';
import { type LatticeWorld, latticeTarget, startLatticeWorld } from './lattice-world.ts';

let world: LatticeWorld;
beforeEach(async () => {
  world = await startLatticeWorld();
});
afterEach(async () => {
  await world.close();
});

const target = latticeTarget;

/** Service `api` with one route per node: eleven rules on one listener, eleven target groups behind one service. */
const nodes = Array.from({ length: 11 }, (_, i) => `n${i}`);
const tooBig =
  SHOP +
  nodes.map((n) => node(n)).join('') +
  router(
    'api',
    '    - portMapping: { port: 8080, protocol: http }',
    nodes
      .map(
        (n) => `    - name: to-${n}
      httpRoute:
        match: { prefix: /${n} }
        action: { weightedTargets: [{ virtualNodeRef: { name: ${n} }, weight: 1 }] }
`,
      )
      .join(''),
  ) +
  service('api', '{ virtualRouter: { virtualRouterRef: { name: api } } }');

describe('the Lattice quota pre-check', () => {
  it('refuses a set over Lattice’s quotas before any write, naming the quota, its code and the object', async () => {
    const result = await reconcile({
      target,
      revision: 'r1',
      files: [{ path: 'shop.yaml', content: tooBig }],
      lattice: world.api,
      state: world.store,
      runId: 'run-1',
      now: () => new Date(),
    });
    expect(result.status).toBe('refused');
    const quota = result.latticePlan!.blockers.filter((b) => b.reason === 'quota-exceeded');
    expect(quota.map((b) => b.message).sort()).toEqual([
      'lattice:Service/api-shop would use 11 of the VPC Lattice quota "Target groups per service" (L-3DEC3B9F), limit 10',
      'lattice:Service/api-shop/Listener/http-8080 would use 11 of the VPC Lattice quota "Rules per listener" (L-CF78395E), limit 10',
    ]);
    expect(quota.map((b) => b.keys.length)).toEqual([11, 11]);
    expect(result.run.outcome).toBe('refused');
    expect(result.run.errors?.map((e) => e.message)).toEqual(
      expect.arrayContaining(quota.map((b) => expect.stringContaining(b.message))),
    );
    expect(world.writes()).toEqual([]);
    expect(await world.store.listInventory(target.id)).toEqual([]);
  });

  it('lets the same set through where the account’s limits are raised, and the migration report names the same excess', async () => {
    const desired = translateSet(tooBig).desired.resources;
    const inventory = await world.store.listInventory(target.id);
    const observed = await observeLattice(world.api, desired, inventory);
    const raised = { ...defaultLatticeQuotaLimits(), rulesPerListener: 20, targetGroupsPerService: 20 };
    const plan = planLattice({
      targetId: target.id,
      desired,
      observed,
      inventory,
      policy: target.policy,
      quotaLimits: raised,
    });
    expect(plan.blockers).toEqual([]);
    const fit = latticeQuotaFit(desired).filter((q) => !q.fits);
    expect(fit.map((q) => [q.code, q.used, q.subject])).toEqual([
      ['L-CF78395E', 11, 'lattice:Service/api-shop/Listener/http-8080'],
      ['L-3DEC3B9F', 11, 'lattice:Service/api-shop'],
    ]);
  });
});
