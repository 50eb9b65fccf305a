import {
  CreateMeshCommand,
  CreateVirtualNodeCommand,
  type CreateVirtualNodeCommandInput,
  DeleteVirtualNodeCommand,
  DescribeVirtualNodeCommand,
} from '@aws-sdk/client-app-mesh';
import type { ManifestFile } from '@meshcd/core';
import { appMeshClientFor } from '@meshcd/emulators';
import { afterEach, describe, expect, it } from 'vitest';
import { checkDrift, emulatorResources, isWriteOperation, reconcileFiles } from './engine-checks.ts';
import { type EngineWorld, startEngineWorld } from './world.ts';

const otherAccount = '222233334444';

const worlds: EngineWorld[] = [];
const world = async () => {
  const w = await startEngineWorld();
  worlds.push(w);
  return w;
};
afterEach(async () => {
  for (const w of worlds.splice(0)) await w.close();
});

const namespace = (name: string, mesh: string): string =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels:\n    mesh: ${mesh}\n`;
const mesh = (name: string, owner?: string): string =>
  `apiVersion: appmesh.k8s.aws/v1beta2\nkind: Mesh\nmetadata:\n  name: ${name}\nspec:\n${owner ? `  meshOwner: "${owner}"\n` : ''}  namespaceSelector:\n    matchLabels:\n      mesh: ${name}\n`;
const node = (name: string, ns: string, port = 8080): string =>
  `apiVersion: appmesh.k8s.aws/v1beta2\nkind: VirtualNode\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  listeners:\n    - portMapping:\n        port: ${port}\n        protocol: http\n  serviceDiscovery:\n    dns:\n      hostname: ${name}.${ns}.svc.cluster.local\n`;
const tree = (...docs: string[]): ManifestFile[] => [{ path: 'mesh.yaml', content: docs.join('---\n') }];

/** The resource every write call addressed: its node name, else its ARN (tags), else its mesh. */
const writtenNames = (w: EngineWorld) =>
  w.emulator.calls
    .filter((c) => isWriteOperation(c.operation))
    .map((c) => c.input.virtualNodeName ?? c.input.resourceArn ?? c.input.meshName);

const spec: CreateVirtualNodeCommandInput['spec'] = {
  listeners: [{ portMapping: { port: 9090, protocol: 'http' } }],
  serviceDiscovery: { dns: { hostname: 'x.local' } },
};

describe('resources meshcd does not own', () => {
  it('never updates or deletes what was created by hand or by another target in a managed mesh', async () => {
    const w = await world();
    const ours = tree(namespace('shop', 'shop'), mesh('shop'), node('cart', 'shop'), node('pay', 'shop'));
    expect((await reconcileFiles(w, ours)).status).toBe('succeeded');
    const sdk = appMeshClientFor(w.emulator, { maxAttempts: 1 });
    await sdk.send(new CreateVirtualNodeCommand({ meshName: 'shop', virtualNodeName: 'by-hand_shop', spec }));
    await sdk.send(
      new CreateVirtualNodeCommand({
        meshName: 'shop',
        virtualNodeName: 'theirs_shop',
        spec,
        tags: [{ key: 'meshcd:target', value: 'another-target' }],
      }),
    );
    // A stale inventory entry for a name someone later re-created by hand: the ARN no longer matches.
    const byHand = emulatorResources(w.emulator).find((r) => r.name === 'by-hand_shop')!;
    await w.state.putInventory({
      provider: 'appmesh',
      targetId: w.target.id,
      key: 'appmesh:shop/VirtualNode/by-hand_shop',
      kind: 'VirtualNode',
      arn: `${byHand.arn}-before-it-was-recreated`,
      version: 1,
      specHash: 'x',
      lastAppliedSpec: {},
      sourceRevision: 'old',
      updatedAt: new Date(0).toISOString(),
    });
    const before = emulatorResources(w.emulator);
    w.emulator.resetCalls();

    // Dropping `pay` prunes it alone; the strangers stay as they are.
    const pruned = await reconcileFiles(
      w,
      tree(namespace('shop', 'shop'), mesh('shop'), node('cart', 'shop')),
    );
    expect(pruned.status).toBe('succeeded');
    expect(writtenNames(w)).toEqual(['pay_shop']);
    const after = emulatorResources(w.emulator);
    for (const name of ['by-hand_shop', 'theirs_shop']) {
      expect(after.find((r) => r.name === name)).toEqual(before.find((r) => r.name === name));
    }
    sdk.destroy();
  });

  it('refuses to take over a same-named resource it does not own, and writes nothing', async () => {
    const w = await world();
    expect((await reconcileFiles(w, tree(namespace('shop', 'shop'), mesh('shop')))).status).toBe('succeeded');
    const sdk = appMeshClientFor(w.emulator, { maxAttempts: 1 });
    await sdk.send(new CreateVirtualNodeCommand({ meshName: 'shop', virtualNodeName: 'cart_shop', spec }));
    sdk.destroy();
    const before = emulatorResources(w.emulator);
    w.emulator.resetCalls();

    const result = await reconcileFiles(
      w,
      tree(namespace('shop', 'shop'), mesh('shop'), node('cart', 'shop')),
    );
    expect(result.status).toBe('refused');
    expect(result.plan?.blockers).toEqual([
      expect.objectContaining({ reason: 'conflict', keys: ['appmesh:shop/VirtualNode/cart_shop'] }),
    ]);
    expect(writtenNames(w)).toEqual([]);
    expect(emulatorResources(w.emulator)).toEqual(before);
  });

  it('treats a same-named resource deleted and re-created by hand (another uid, no tag) as foreign', async () => {
    const w = await world();
    const files = tree(namespace('shop', 'shop'), mesh('shop'), node('cart', 'shop'));
    expect((await reconcileFiles(w, files)).status).toBe('succeeded');
    const recorded = await w.state.getInventory(w.target.id, 'appmesh:shop/VirtualNode/cart_shop');
    const sdk = appMeshClientFor(w.emulator, { maxAttempts: 1 });
    const address = { meshName: 'shop', virtualNodeName: 'cart_shop' };
    const before = (await sdk.send(new DescribeVirtualNodeCommand(address))).virtualNode!;
    expect(recorded).toMatchObject({ uid: before.metadata!.uid, sourceFile: 'mesh.yaml' });
    // Someone deletes it and puts the same spec back by hand: same name, same ARN, version 1 again.
    await sdk.send(new DeleteVirtualNodeCommand(address));
    await sdk.send(new CreateVirtualNodeCommand({ ...address, spec: before.spec! }));
    const recreated = (await sdk.send(new DescribeVirtualNodeCommand(address))).virtualNode!;
    sdk.destroy();
    expect(recreated.metadata!.arn).toBe(before.metadata!.arn);
    expect(recreated.metadata!.version).toBe(recorded?.version);

    // A plan of the same tree touches nothing in the mesh, so it lists nothing there and has nothing to
    // write: the stranger is left alone, for the drift run below to report.
    const scoped = await reconcileFiles(w, files, { mode: 'plan' });
    expect(scoped.status).toBe('succeeded');
    expect(scoped.plan?.changes.find((c) => c.name === 'cart_shop')?.observed?.fromInventory).toBe(true);
    // Observing everything: not "unchanged" — it is someone else's now, and meshcd refuses to take it over.
    const planned = await reconcileFiles(w, files, { mode: 'plan', refresh: true });
    expect(planned.status).toBe('refused');
    expect(planned.plan?.changes.find((c) => c.name === 'cart_shop')).toMatchObject({
      action: 'skip',
      reason: 'unowned-conflict',
    });

    // Drift: reported as replaced by another instance, not in sync.
    const drift = await checkDrift(w);
    expect(drift.items.find((i) => i.name === 'cart_shop')).toMatchObject({
      state: 'Modified',
      reason: 'replaced',
      differences: [
        { path: 'metadata.uid', expected: before.metadata!.uid, actual: recreated.metadata!.uid },
      ],
    });

    // Removing it from Git does not delete the stranger.
    w.emulator.resetCalls();
    const pruned = await reconcileFiles(w, tree(namespace('shop', 'shop'), mesh('shop')), {
      allowPrune: true,
    });
    expect(pruned.status).toBe('succeeded');
    expect(writtenNames(w)).toEqual([]);
    expect(emulatorResources(w.emulator).find((r) => r.name === 'cart_shop')?.uid).toBe(
      recreated.metadata!.uid,
    );
    expect(await w.state.getInventory(w.target.id, 'appmesh:shop/VirtualNode/cart_shop')).toBeUndefined();
  });

  it("never touches another account's resources in a mesh shared with it, even with allowPrune", async () => {
    const w = await world();
    const owner = appMeshClientFor(w.emulator, { accountId: otherAccount, maxAttempts: 1 });
    await owner.send(new CreateMeshCommand({ meshName: 'shared' }));
    w.emulator.shareMesh('shared', otherAccount, w.target.accountId);
    for (const name of ['owners_team', 'clash_team'])
      await owner.send(
        new CreateVirtualNodeCommand({
          meshName: 'shared',
          virtualNodeName: name,
          meshOwner: otherAccount,
          spec,
        }),
      );
    owner.destroy();
    const theirs = () => emulatorResources(w.emulator).filter((r) => r.resourceOwner === otherAccount);
    const before = theirs();

    // `clash` has the name of the owner's node: meshcd must leave it alone rather than update it.
    const files = tree(
      namespace('team', 'shared'),
      mesh('shared', otherAccount),
      node('mine', 'team'),
      node('clash', 'team'),
    );
    const applied = await reconcileFiles(w, files);
    const skips = applied
      .plan!.changes.filter((c) => c.action === 'skip')
      .map((c) => `${c.reason} ${c.name}`);
    expect(skips.sort()).toEqual(['foreign-owner clash_team', 'foreign-owner shared']);
    expect(applied.status).toBe('succeeded');
    const mine = emulatorResources(w.emulator).find((r) => r.name === 'mine_team')!;
    expect(mine.resourceOwner).toBe(w.target.accountId);
    expect(mine.meshOwner).toBe(otherAccount);

    // A corrupt inventory claiming the owner's node changes nothing: resourceOwner decides.
    const owners = before.find((r) => r.name === 'owners_team')!;
    await w.state.putInventory({
      provider: 'appmesh',
      targetId: w.target.id,
      key: 'appmesh:shared/VirtualNode/owners_team',
      kind: 'VirtualNode',
      arn: owners.arn,
      version: owners.version,
      specHash: 'x',
      lastAppliedSpec: {},
      sourceRevision: 'old',
      updatedAt: new Date(0).toISOString(),
    });
    w.emulator.resetCalls();
    const emptied = await reconcileFiles(w, [], { allowPrune: true });
    expect(emptied.status).toBe('succeeded');
    expect(writtenNames(w)).toEqual(['mine_team']);
    expect(theirs()).toEqual(before);
  });
});
