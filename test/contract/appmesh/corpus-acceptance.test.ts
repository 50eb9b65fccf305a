import {
  type AppMeshClient,
  CreateGatewayRouteCommand,
  CreateMeshCommand,
  CreateRouteCommand,
  CreateVirtualGatewayCommand,
  CreateVirtualNodeCommand,
  CreateVirtualRouterCommand,
  CreateVirtualServiceCommand,
  UpdateGatewayRouteCommand,
  UpdateMeshCommand,
  UpdateRouteCommand,
  UpdateVirtualGatewayCommand,
  UpdateVirtualNodeCommand,
  UpdateVirtualRouterCommand,
  UpdateVirtualServiceCommand,
} from '@aws-sdk/client-app-mesh';
import { loadManifests, resolveDesiredState } from '@meshcd/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesiredMeshResource } from '../../../packages/core/src/desired/desired-state.ts';
import { overlayManifests } from '../../../packages/core/src/manifests/overlay-manifests.ts';
import { type CorpusScenario, corpusScenarios, hasShared } from '../../corpus/corpus.ts';
import { type EmulatorFixture, startFixture } from './emulator-fixture.ts';

/** Sends one desired resource as a Create, or as an Update when an earlier revision already created it. */
async function put(client: AppMeshClient, r: DesiredMeshResource, update: boolean): Promise<void> {
  const mesh = { meshName: r.meshName, ...(r.meshOwner ? { meshOwner: r.meshOwner } : {}) };
  switch (r.kind) {
    case 'Mesh':
      await client.send(
        update
          ? new UpdateMeshCommand({ meshName: r.name, spec: r.spec })
          : new CreateMeshCommand({ meshName: r.name, spec: r.spec }),
      );
      return;
    case 'VirtualNode': {
      const input = { ...mesh, virtualNodeName: r.name, spec: r.spec };
      await client.send(update ? new UpdateVirtualNodeCommand(input) : new CreateVirtualNodeCommand(input));
      return;
    }
    case 'VirtualRouter': {
      const input = { ...mesh, virtualRouterName: r.name, spec: r.spec };
      await client.send(
        update ? new UpdateVirtualRouterCommand(input) : new CreateVirtualRouterCommand(input),
      );
      return;
    }
    case 'Route': {
      const input = { ...mesh, virtualRouterName: r.virtualRouterName, routeName: r.name, spec: r.spec };
      await client.send(update ? new UpdateRouteCommand(input) : new CreateRouteCommand(input));
      return;
    }
    case 'VirtualService': {
      const input = { ...mesh, virtualServiceName: r.name, spec: r.spec };
      await client.send(
        update ? new UpdateVirtualServiceCommand(input) : new CreateVirtualServiceCommand(input),
      );
      return;
    }
    case 'VirtualGateway': {
      const input = { ...mesh, virtualGatewayName: r.name, spec: r.spec };
      await client.send(
        update ? new UpdateVirtualGatewayCommand(input) : new CreateVirtualGatewayCommand(input),
      );
      return;
    }
    case 'GatewayRoute': {
      const input = {
        ...mesh,
        virtualGatewayName: r.virtualGatewayName,
        gatewayRouteName: r.name,
        spec: r.spec,
      };
      await client.send(update ? new UpdateGatewayRouteCommand(input) : new CreateGatewayRouteCommand(input));
      return;
    }
  }
}

describe.runIf(hasShared())(
  'every App Mesh object of the corpus, converted by meshcd, is accepted by the emulator',
  () => {
    let f: EmulatorFixture;
    beforeAll(async () => {
      f = await startFixture();
    });
    afterAll(() => f.close());
    const scenarios: CorpusScenario[] = hasShared() ? corpusScenarios() : [];
    const applied: string[] = [];

    it.each(scenarios.map((s) => ({ name: `${s.folder}/${s.scenario}`, scenario: s })))(
      'applies $name revision after revision',
      async ({ scenario }) => {
        const empty = f.handle.snapshot();
        const created = new Set<string>();
        try {
          for (const revision of scenario.revisions) {
            const layers = revision.files.map((file) => loadManifests([file]));
            const result = resolveDesiredState(overlayManifests(layers.map((l) => l.objects)));
            // Sets meshcd itself refuses are covered by the corpus validation suite; nothing of them reaches App Mesh.
            if (!result.ok) continue;
            for (const r of result.desired.meshResources) {
              await put(f.client, r, created.has(r.key));
              created.add(r.key);
            }
            applied.push(`${scenario.folder}/${scenario.scenario}/${revision.index}`);
          }
        } finally {
          f.handle.restore(empty);
        }
      },
    );

    it('applied most revisions of the corpus, every write answered 200', () => {
      expect(applied.length).toBeGreaterThanOrEqual(25);
      expect(f.handle.calls.filter((c) => c.status !== 200)).toEqual([]);
    });
  },
);
