import * as sdk from '@aws-sdk/client-vpc-lattice';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyLatticePlan } from '../../packages/core/src/lattice/apply-lattice.ts';
import { colorShape, key, network, service } from './desired-fixture.ts';
import { type LatticeWorld, startLatticeWorld } from './lattice-world.ts';

let world: LatticeWorld;
beforeEach(async () => {
  world = await startLatticeWorld();
});
afterEach(async () => {
  await world.close();
});

const desired = () => [...network(), ...service(colorShape)];
const listenerKey = key({ kind: 'Listener', serviceName: 'color', name: 'http-80' });
const serviceKey = key({ kind: 'Service', name: 'color' });

describe('the Lattice apply on the shared wave runner', () => {
  it('skips the delete of a service whose listener could not be deleted, and deletes it on the next run', async () => {
    await world.apply(desired());
    world.handle.resetCalls();
    world.handle.knobs.faults.DeleteListener = { errorType: 'AccessDeniedException', times: 1 };
    const { result } = await world.apply(network(), { allowPrune: true });
    const status = Object.fromEntries(result.outcomes.map((o) => [o.key, o.status]));
    expect(status[listenerKey]).toBe('failed');
    expect(status[serviceKey]).toBe('skipped');
    expect(result.outcomes.find((o) => o.key === serviceKey)?.error).toMatchObject({
      reason: 'dependency-failed',
      retryable: true,
    });
    expect(world.handle.calls.filter((c) => c.operation === 'DeleteService')).toEqual([]);
    expect(world.conflicts()).toEqual([]);
    // The service is still meshcd's: the next run deletes it once its listener goes.
    const again = await world.apply(network(), { allowPrune: true });
    expect(again.result.outcomes.filter((o) => o.status !== 'done')).toEqual([]);
    expect((await world.client.send(new sdk.ListServicesCommand({}))).items ?? []).toEqual([]);
  });

  it('stops at a wave boundary when the deadline nears and reports the rest not started', async () => {
    const planned = await world.plan(desired());
    let left = 10_000;
    const result = await applyLatticePlan(planned, {
      targetId: 'lattice-test',
      revision: 'r1',
      runId: 'run-deadline',
      api: world.api,
      store: world.store,
      now: () => new Date(),
      remainingMs: () => left,
      reserveMs: 5_000,
      onProgress: () => {
        left = 0;
      },
    });
    expect(result.complete).toBe(false);
    const byStatus = (s: string) => result.outcomes.filter((o) => o.status === s).map((o) => o.key);
    expect(byStatus('done')).toEqual([key({ kind: 'ServiceNetwork', name: 'demo-mesh' })]);
    expect(byStatus('not-started')).toContain(serviceKey);
    expect(world.writes().map((c) => c.operation)).toEqual(['CreateServiceNetwork']);
  });
});
