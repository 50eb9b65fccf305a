import {
  CreateVirtualNodeCommand,
  DeleteRouteCommand,
  DescribeVirtualNodeCommand,
  DescribeVirtualServiceCommand,
  UpdateVirtualNodeCommand,
  UpdateVirtualServiceCommand,
  type VirtualNodeSpec,
} from '@aws-sdk/client-app-mesh';
import { type DetectDriftResult, detectDrift, parseMeshKey } from '@meshcd/core';
import { appMeshClientFor } from '@meshcd/emulators';
import { outboundEntry } from '@meshcd/events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { corpusScenarios, hasShared } from '../corpus/corpus.ts';
import { type EngineWorld, startEngineWorld, writeCalls } from '../engine/world.ts';
import { applyRevision } from './apply-corpus.ts';

const scenarioName = 'howto-k8s-connection-pools';

describe.runIf(hasShared())('drift made behind meshcd’s back, in the App Mesh emulator', () => {
  let world: EngineWorld;
  let clock = Date.parse('2026-03-01T00:00:00.000Z');
  // Strictly increasing, so drift history orders deterministically.
  const now = () => {
    clock += 1000;
    return new Date(clock);
  };
  let runs = 0;
  const detect = (extra: Partial<Parameters<typeof detectDrift>[0]> = {}) =>
    detectDrift({
      target: world.target,
      mesh: world.mesh,
      state: world.state,
      runId: `d-${runs++}`,
      now,
      ...extra,
    });

  beforeEach(async () => {
    world = await startEngineWorld();
    const scenario = corpusScenarios().find((s) => s.folder === scenarioName)!;
    const applied = await applyRevision(world, scenario, scenario.revisions.length - 1);
    expect(applied.status).toBe('succeeded');
    world.emulator.resetCalls();
  });
  afterEach(() => world.close());

  /** Out-of-band edits with the real SDK, as a person with console access would make them. */
  async function tamper() {
    const sdk = appMeshClientFor(world.emulator);
    const inventory = await world.state.listInventory(world.target.id);
    const ids = inventory.map((e) => parseMeshKey(e.key)!);
    const node = ids.find((i) => i.kind === 'VirtualNode')!;
    const route = ids.find((i) => i.kind === 'Route')!;
    const service = ids.find((i) => i.kind === 'VirtualService')!;
    const described = await sdk.send(
      new DescribeVirtualNodeCommand({ meshName: node.meshName, virtualNodeName: node.name }),
    );
    const spec = described.virtualNode!.spec as VirtualNodeSpec;
    const oldPort = spec.listeners![0]!.portMapping!.port!;
    spec.listeners![0]!.portMapping!.port = oldPort + 1000;
    // The service filled the health check's port from the old listener port and refuses a mismatch;
    // a person moving the port sends the health check without one, as meshcd does.
    if (spec.listeners![0]!.healthCheck) delete spec.listeners![0]!.healthCheck.port;
    await sdk.send(
      new UpdateVirtualNodeCommand({ meshName: node.meshName, virtualNodeName: node.name, spec }),
    );
    await sdk.send(
      new DeleteRouteCommand({
        meshName: route.meshName,
        virtualRouterName: route.virtualRouterName!,
        routeName: route.name,
      }),
    );
    await sdk.send(
      new CreateVirtualNodeCommand({
        meshName: node.meshName,
        virtualNodeName: 'hand-made',
        spec: {
          listeners: [{ portMapping: { port: 80, protocol: 'http' } }],
          serviceDiscovery: { dns: { hostname: 'hand-made.local' } },
        },
      }),
    );
    // A no-op update still bumps the version, so drift detection must Describe it: and that Describe fails.
    const vs = await sdk.send(
      new DescribeVirtualServiceCommand({ meshName: service.meshName, virtualServiceName: service.name }),
    );
    await sdk.send(
      new UpdateVirtualServiceCommand({
        meshName: service.meshName,
        virtualServiceName: service.name,
        spec: vs.virtualService!.spec!,
      }),
    );
    world.emulator.knobs.faults.DescribeVirtualService = {
      errorType: 'ForbiddenException',
      message: 'explicit deny',
    };
    sdk.destroy();
    return { node, route, service, oldPort, mesh: node.meshName };
  }

  it('classifies a changed listener port, a deleted route, a hand-made node and an unobservable service exactly', async () => {
    const { node, route, service, oldPort, mesh } = await tamper();
    const result = await detect();
    const byKey = new Map(result.items.map((i) => [i.key, i]));

    expect(byKey.get(`appmesh:${mesh}/VirtualNode/${node.name}`)).toMatchObject({
      state: 'Modified',
      differences: [
        { path: 'spec.listeners[0].portMapping.port', expected: oldPort, actual: oldPort + 1000 },
      ],
    });
    expect(
      byKey.get(`appmesh:${mesh}/VirtualRouter/${route.virtualRouterName}/Route/${route.name}`)?.state,
    ).toBe('Missing');
    expect(byKey.get(`appmesh:${mesh}/VirtualNode/hand-made`)).toMatchObject({
      state: 'Unmanaged',
      reason: 'not-in-git',
    });
    expect(byKey.get(`appmesh:${mesh}/VirtualService/${service.name}`)).toMatchObject({
      state: 'Unknown',
      reason: 'describe-failed',
    });
    // Everything else is exactly as applied.
    const rest = result.items.filter(
      (i) => ![node.name, route.name, 'hand-made', service.name].includes(i.name),
    );
    expect(rest.length).toBeGreaterThan(2);
    expect(rest.every((i) => i.state === 'InSync')).toBe(true);
    expect(result.summary.counts).toMatchObject({ Modified: 1, Missing: 1, Unmanaged: 1, Unknown: 1 });
    expect(
      writeCalls(world.emulator).filter(
        (c) =>
          !['UpdateVirtualNode', 'DeleteRoute', 'CreateVirtualNode', 'UpdateVirtualService'].includes(
            c.operation,
          ),
      ),
    ).toEqual([]);
  });

  it('describes only what changed: a target in sync costs List calls alone', async () => {
    world.emulator.resetCalls();
    const result = await detect();
    expect(result.summary.counts.InSync).toBe(result.summary.total);
    expect(world.emulator.calls.filter((c) => !c.operation.startsWith('List'))).toEqual([]);
  });

  it('announces drift once, stays silent while it is unchanged, and announces a new change', async () => {
    const clean = await detect();
    expect(clean.emit).toEqual([]);
    await tamper();
    world.emulator.knobs.faults = {};
    const first = await detect();
    expect(first.changedSinceLastReport).toBe(true);
    const drift = first.emit.filter((e) => e.detailType === 'Drift Detected');
    expect(drift).toHaveLength(1);
    // The detail is what packages/events publishes.
    const entry = outboundEntry('Drift Detected', drift[0]!.detail);
    expect(
      JSON.parse(entry.Detail)
        .resources.map((r: { state: string }) => r.state)
        .sort(),
    ).toEqual(['Missing', 'Modified', 'Unmanaged']);
    const second = await detect();
    expect(second.changedSinceLastReport).toBe(false);
    expect(second.emit).toEqual([]);
    expect((await world.state.listDriftHistory(world.target.id)).map((r) => r.runId)).toEqual([
      second.record.runId,
      first.record.runId,
      clean.record.runId,
    ]);
  });

  it('checks only the resource a CloudTrail event names, and merges it into the last report', async () => {
    await detect();
    const { node, mesh } = await tamper();
    world.emulator.resetCalls();
    const result = await detect({ resource: { kind: 'VirtualNode', meshName: mesh, name: node.name } });
    expect(world.emulator.calls.map((c) => c.operation)).toEqual([
      'DescribeVirtualNode',
      'ListTagsForResource',
    ]);
    expect(result.record.scope).toBe('resource');
    // Only the named node is re-classified; the deleted route is not known yet.
    expect(result.items.filter((i) => i.state !== 'InSync').map((i) => [i.name, i.state])).toEqual([
      [node.name, 'Modified'],
    ]);
    expect(result.emit.map((e) => e.detailType)).toEqual(['Drift Detected']);
  });

  it('runs a full check for a CloudTrail event when there is no last report to merge into', async () => {
    const { node, mesh } = await tamper();
    world.emulator.knobs.faults = {};
    const result = await detect({ resource: { kind: 'VirtualNode', meshName: mesh, name: node.name } });
    expect(result.record.scope).toBe('full');
    expect(result.summary.counts).toMatchObject({ Modified: 1, Missing: 1, Unmanaged: 1 });
  });

  it('self-heals Modified and Missing resources from the last applied specs, leaving the unmanaged node alone', async () => {
    const { mesh } = await tamper();
    world.emulator.knobs.faults = {};
    world.target.policy.selfHeal = true;
    const healing: DetectDriftResult = await detect();
    expect(healing.healed?.outcomes.map((o) => [o.action, o.status]).sort()).toEqual([
      ['create', 'done'],
      ['update', 'done'],
    ]);
    world.target.policy.selfHeal = false;
    const after = await detect();
    expect(after.items.filter((i) => i.state !== 'InSync').map((i) => [i.key, i.state])).toEqual([
      [`appmesh:${mesh}/VirtualNode/hand-made`, 'Unmanaged'],
    ]);
  });
});
