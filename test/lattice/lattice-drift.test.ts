import * as sdk from '@aws-sdk/client-vpc-lattice';
import { buildDriftReport } from '@meshcd/cli';
import { type DriftItem, detectDrift } from '@meshcd/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderDriftText } from '../../packages/cli/src/render/render-drift.ts';
import { renderReportHtml } from '../../packages/cli/src/render/render-report-html.ts';
import { renderReportJson } from '../../packages/cli/src/render/render-report-json.ts';
import { renderReportMarkdown } from '../../packages/cli/src/render/render-report-markdown.ts';
import { colorShape, groupName, key, network, service } from './desired-fixture.ts';
import { type LatticeWorld, latticeTarget, startLatticeWorld, targetId } from './lattice-world.ts';

let world: LatticeWorld;
beforeEach(async () => {
  world = await startLatticeWorld();
});
afterEach(async () => {
  await world.close();
});

const target = latticeTarget;
// Green has a target group but no route yet (a canary about to start).
const shape = { ...colorShape, groups: { ...colorShape.groups, green: { port: 8080 } } };
const desired = () => [...network(), ...service(shape)];
let run = 0;
const drift = (heal: boolean) =>
  detectDrift({
    target,
    lattice: world.api,
    state: world.store,
    heal,
    runId: `drift-${++run}`,
    now: () => new Date(),
  });
const outOfSync = (items: readonly DriftItem[]) => items.filter((i) => i.state !== 'InSync');

/** The color service's listener and its route, as the SDK names them. */
async function ids() {
  const [svc] = (await world.client.send(new sdk.ListServicesCommand({}))).items ?? [];
  const [listener] =
    (await world.client.send(new sdk.ListListenersCommand({ serviceIdentifier: svc!.id }))).items ?? [];
  const rules =
    (
      await world.client.send(
        new sdk.ListRulesCommand({ serviceIdentifier: svc!.id, listenerIdentifier: listener!.id }),
      )
    ).items ?? [];
  const rule = await world.client.send(
    new sdk.GetRuleCommand({
      serviceIdentifier: svc!.id,
      listenerIdentifier: listener!.id,
      ruleIdentifier: rules.find((r) => r.name === 'color-route')!.id,
    }),
  );
  return { serviceId: svc!.id!, listenerId: listener!.id!, rule };
}

const ruleKey = key({ kind: 'Rule', serviceName: 'color', listenerName: 'http-80', name: 'color-route' });
const listenerKey = key({ kind: 'Listener', serviceName: 'color', name: 'http-80' });
const greenKey = key({ kind: 'TargetGroup', name: groupName('color', 'green') });

describe('drift on VPC Lattice', () => {
  it('reports a changed weight, a changed default action and a deleted target group with their differences, heals them, and then finds none', async () => {
    await world.apply(desired());
    expect(outOfSync((await drift(false)).items)).toEqual([]);

    const { serviceId, listenerId, rule } = await ids();
    await world.client.send(
      new sdk.UpdateRuleCommand({
        serviceIdentifier: serviceId,
        listenerIdentifier: listenerId,
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
    await world.client.send(
      new sdk.UpdateListenerCommand({
        serviceIdentifier: serviceId,
        listenerIdentifier: listenerId,
        defaultAction: { fixedResponse: { statusCode: 500 } },
      }),
    );
    const green = ((await world.client.send(new sdk.ListTargetGroupsCommand({}))).items ?? []).find(
      (g) => g.name === groupName('color', 'green'),
    );
    await world.client.send(new sdk.DeleteTargetGroupCommand({ targetGroupIdentifier: green!.id }));

    const found = await drift(false);
    expect(
      outOfSync(found.items).map((i) => ({
        key: i.key,
        provider: i.provider,
        state: i.state,
        differences: i.differences,
      })),
    ).toEqual([
      {
        key: listenerKey,
        provider: 'lattice',
        state: 'Modified',
        differences: [{ path: 'defaultAction.fixedResponse.statusCode', expected: 404, actual: 500 }],
      },
      {
        key: ruleKey,
        provider: 'lattice',
        state: 'Modified',
        differences: [
          { path: 'action.forward.targetGroups[0].weight', expected: 50, actual: 100 },
          { path: 'action.forward.targetGroups[1].weight', expected: 50, actual: 0 },
        ],
      },
      { key: greenKey, provider: 'lattice', state: 'Missing', differences: undefined },
    ]);
    expect(found.summary.counts).toMatchObject({ Missing: 1, Modified: 2 });
    expect(found.emit.map((e) => e.detailType)).toEqual(['Drift Detected']);
    expect((await world.store.getLastDriftReport(targetId))?.driftFingerprint).toBe(
      found.record.driftFingerprint,
    );

    // The report speaks Lattice: where each item lives, and what its state means there.
    const report = buildDriftReport({
      targetId,
      generatedAt: '2026-11-30T00:00:00.000Z',
      items: found.items,
      summary: found.summary,
      quotas: [],
      resources: [],
    });
    const text = renderDriftText(report);
    expect(text).toContain(
      'Rule color-route (VPC Lattice, service color, listener http-80) changed outside meshcd',
    );
    expect(text).toContain('~ action.forward.targetGroups[0].weight: 100 → expected 50');
    expect(text).toContain(
      'TargetGroup color-green (VPC Lattice) not in VPC Lattice (deleted outside meshcd)',
    );
    expect(renderReportMarkdown(report)).toContain(
      '| Missing | TargetGroup | color-green | VPC Lattice | not in VPC Lattice (deleted outside meshcd) |',
    );
    expect(await renderReportHtml(report)).toContain('<td>VPC Lattice, service color</td>');
    expect(JSON.parse(renderReportJson(report)).items.map((i: { provider: string }) => i.provider)).toContain(
      'lattice',
    );

    world.handle.resetCalls();
    const healed = await drift(true);
    expect(healed.healed?.outcomes.filter((o) => o.status !== 'done')).toEqual([]);
    expect(
      world
        .writes()
        .map((c) => c.operation)
        .sort(),
    ).toEqual(['CreateTargetGroup', 'UpdateListener', 'UpdateRule']);
    const again = await drift(false);
    expect(outOfSync(again.items)).toEqual([]);
    expect(again.summary.counts.InSync).toBe(again.items.length);
  });

  it('tells an extra rule someone added from one that carries the target’s tag without a record, and heals neither', async () => {
    await world.apply(desired());
    const { serviceId, listenerId } = await ids();
    const [blue] = ((await world.client.send(new sdk.ListTargetGroupsCommand({}))).items ?? []).filter(
      (g) => g.name === groupName('color', 'blue'),
    );
    const rule = (name: string, priority: number, tags?: Record<string, string>) =>
      world.client.send(
        new sdk.CreateRuleCommand({
          serviceIdentifier: serviceId,
          listenerIdentifier: listenerId,
          name,
          priority,
          match: { httpMatch: { pathMatch: { match: { prefix: `/${name}` }, caseSensitive: true } } },
          action: { forward: { targetGroups: [{ targetGroupIdentifier: blue!.id, weight: 1 }] } },
          ...(tags ? { tags } : {}),
        }),
      );
    await rule('debug', 50);
    await rule('copied', 51, { 'meshcd:target': targetId });

    world.handle.resetCalls();
    const found = await drift(true);
    expect(outOfSync(found.items).map((i) => [i.name, i.state, i.reason])).toEqual([
      ['copied', 'Unmanaged', 'tagged-not-recorded'],
      ['debug', 'Unmanaged', 'not-in-git'],
    ]);
    expect(found.healed).toBeUndefined();
    expect(world.writes()).toEqual([]);
    const text = renderDriftText(
      buildDriftReport({
        targetId,
        generatedAt: '',
        items: found.items,
        summary: found.summary,
        quotas: [],
        resources: [],
      }),
    );
    expect(text).toContain(
      'Rule debug (VPC Lattice, service color, listener http-80) not created by meshcd, inside a service or network it manages (left alone)',
    );
    expect(text).toContain(
      "Rule copied (VPC Lattice, service color, listener http-80) tagged as this target's",
    );
  });
});
