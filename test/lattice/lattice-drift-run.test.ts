import * as sdk from '@aws-sdk/client-vpc-lattice';
import { reconcile } from '@meshcd/core';
import type { ScheduleTrigger } from '@meshcd/events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEventPublisher } from '../../packages/runtime/src/event-publisher.ts';
import {
  type HandleDriftEventDeps,
  handleDriftEvent,
} from '../../packages/runtime/src/handle-drift-event.ts';
import { captureEvents } from '../../packages/runtime/src/testing/capture-events.ts';
import { type LatticeWorld, latticeTarget, startLatticeWorld } from './lattice-world.ts';
import { shopManifest } from './shop-manifest.ts';

let world: LatticeWorld;
beforeEach(async () => {
  world = await startLatticeWorld();
});
afterEach(async () => {
  await world.close();
});

describe('the scheduled drift run on a lattice target', () => {
  it('announces an out-of-band weight once, heals it through the Lattice writer, and then finds nothing', async () => {
    const target = { ...latticeTarget, policy: { ...latticeTarget.policy, selfHeal: true } };
    const applied = await reconcile({
      target,
      revision: 'r1',
      files: [{ path: 'shop.yaml', content: shopManifest(80) }],
      lattice: world.api,
      state: world.store,
      runId: 'apply-1',
      now: () => new Date(),
    });
    expect(applied.status).toBe('succeeded');
    const bus = captureEvents();
    let clock = Date.now();
    let runs = 0;
    const deps: HandleDriftEventDeps = {
      state: world.store,
      events: createEventPublisher(bus, 'bus'),
      meshApiFor: () => Promise.reject(new Error('a lattice target never reaches App Mesh')),
      latticeFor: async () => world.api,
      ownRoleArns: [],
      logger: { info: () => {}, error: () => {} },
      newRunId: () => `drift-${++runs}`,
      now: () => (clock += 1000),
      requestId: 'request-1',
      leaseTtlMs: 60_000,
    };
    const schedule = (): ScheduleTrigger => ({
      type: 'schedule',
      check: 'drift',
      time: new Date(clock).toISOString(),
      eventId: `schedule-${runs}`,
    });

    // Someone moves all traffic to blue from the console.
    const [svc] = (await world.client.send(new sdk.ListServicesCommand({}))).items ?? [];
    const [listener] =
      (await world.client.send(new sdk.ListListenersCommand({ serviceIdentifier: svc!.id }))).items ?? [];
    const [rule] = (
      (
        await world.client.send(
          new sdk.ListRulesCommand({ serviceIdentifier: svc!.id, listenerIdentifier: listener!.id }),
        )
      ).items ?? []
    ).filter((r) => !r.isDefault);
    const got = await world.client.send(
      new sdk.GetRuleCommand({
        serviceIdentifier: svc!.id,
        listenerIdentifier: listener!.id,
        ruleIdentifier: rule!.id,
      }),
    );
    await world.client.send(
      new sdk.UpdateRuleCommand({
        serviceIdentifier: svc!.id,
        listenerIdentifier: listener!.id,
        ruleIdentifier: rule!.id,
        action: {
          forward: {
            targetGroups: got.action!.forward!.targetGroups!.map((t, i) => ({
              ...t,
              weight: i === 0 ? 100 : 0,
            })),
          },
        },
      }),
    );

    const first = await handleDriftEvent(schedule(), [target], deps);
    expect(first.checks).toMatchObject([{ scope: 'full', emitted: ['Drift Detected'], healed: true }]);
    expect(first.checks[0]?.summary?.counts.Modified).toBe(1);
    const detail = bus.events.map((e) => e.detail);
    expect(detail[0]?.resources).toEqual([
      expect.objectContaining({
        kind: 'Rule',
        state: 'Modified',
        differences: [
          { path: 'action.forward.targetGroups[0].weight', expected: 80, actual: 100 },
          { path: 'action.forward.targetGroups[1].weight', expected: 20, actual: 0 },
        ],
      }),
    ]);
    const healed = await world.client.send(
      new sdk.GetRuleCommand({
        serviceIdentifier: svc!.id,
        listenerIdentifier: listener!.id,
        ruleIdentifier: rule!.id,
      }),
    );
    expect(healed.action?.forward?.targetGroups?.map((t) => t.weight)).toEqual([80, 20]);

    const second = await handleDriftEvent(schedule(), [target], deps);
    expect(second.checks).toMatchObject([{ scope: 'full', emitted: [], healed: false }]);
    expect(second.checks[0]?.summary?.counts.Modified).toBe(0);
  });
});
