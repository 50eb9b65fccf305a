import { describe, expect, it } from 'vitest';
import type { DesiredMeshResource } from '../desired/desired-state.ts';
import type { ObservedMeshResource } from '../observe/observed-mesh-resource.ts';
import type { PlannedChange } from '../plan/plan-types.ts';
import type { MeshApi } from '../ports/mesh-api.ts';
import type { InventoryEntry } from '../state/inventory-entry.ts';
import type { InventoryStore } from '../state/state-store.ts';
import { appMeshWriter } from './appmesh-writer.ts';

const key = 'appmesh:shop/VirtualNode/cart_shop';
const observed = {
  kind: 'VirtualNode',
  key,
  meshName: 'shop',
  name: 'cart_shop',
  arn: 'arn:aws:appmesh:us-west-2:111111111111:mesh/shop/virtualNode/cart_shop',
  version: 3,
  createdAt: '2026-01-01T00:00:00.000Z',
  meshOwner: '111111111111',
  resourceOwner: '111111111111',
} as ObservedMeshResource;
const unchanged = {
  action: 'unchanged',
  reason: 'in-sync',
  kind: 'VirtualNode',
  key,
  meshName: 'shop',
  name: 'cart_shop',
  wave: 1,
  desired: {
    spec: { listeners: [] },
    source: { location: { file: 'cart.yaml' } },
  } as unknown as DesiredMeshResource,
  observed,
  diff: [],
} as unknown as PlannedChange;
const entry: InventoryEntry = {
  provider: 'appmesh',
  targetId: 't',
  key,
  kind: 'VirtualNode',
  arn: observed.arn,
  createdAt: observed.createdAt!,
  version: 3,
  specHash: 'h',
  lastAppliedSpec: { listeners: [] },
  sourceRevision: 'r0',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

/** A store that counts reads and keeps what is written. */
function countingStore(entries: InventoryEntry[]) {
  const puts: InventoryEntry[] = [];
  let reads = 0;
  const store: InventoryStore = {
    listInventory: async () => entries,
    getInventory: async (_t, k) => {
      reads++;
      return entries.find((e) => e.key === k);
    },
    putInventory: async (e) => {
      puts.push(e);
    },
    deleteInventory: async () => {},
  };
  return { store, puts, reads: () => reads };
}

const writer = (store: InventoryStore, inventory?: InventoryEntry[]) =>
  appMeshWriter({
    targetId: 't',
    revision: 'r1',
    runId: 'run',
    api: {} as MeshApi,
    store,
    now: () => new Date('2026-01-02T00:00:00Z'),
    ...(inventory ? { inventory } : {}),
  });

describe('the App Mesh writer on an unchanged resource', () => {
  it("checks the run's inventory instead of reading each entry again", async () => {
    const s = countingStore([entry]);
    await writer(s.store, [entry]).write(unchanged);
    expect(s.reads()).toBe(0);
    expect(s.puts).toEqual([]);
  });

  it('re-records a resource whose entry the inventory lost or holds at an older version', async () => {
    for (const inventory of [[], [{ ...entry, version: 2 }]]) {
      const s = countingStore(inventory);
      await writer(s.store, inventory).write(unchanged);
      expect(s.reads()).toBe(0);
      expect(s.puts).toEqual([expect.objectContaining({ key, version: 3, sourceRevision: 'r1' })]);
    }
  });

  it('reads the entry from the store when given no inventory', async () => {
    const s = countingStore([entry]);
    await writer(s.store).write(unchanged);
    expect(s.reads()).toBe(1);
    expect(s.puts).toEqual([]);
  });
});
