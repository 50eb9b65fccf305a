import { meshResourceKey, parseMeshKey } from '../appmesh/appmesh-key.ts';
import type { MeshResourceKind } from '../desired/desired-state.ts';
import { isRecordedInstance } from '../plan/ownership.ts';
import { specHash } from '../plan/spec-hash.ts';
import { type AppMeshEntry, entriesOf, type InventoryEntry } from '../state/inventory-entry.ts';
import type { ObservedMeshResource } from './observed-mesh-resource.ts';

/**
 * What a push observes. Listing a mesh's members costs one call per kind, and listing the routes (gateway
 * routes) under a router (gateway) one call per router, most of a large target's observe; a push changes
 * few of them. `settled` holds the containers (meshes, routers, gateways) whose contents in Git are exactly
 * what the inventory recorded as applied (same keys, same spec hashes): the push cannot touch what is in
 * them, so it is not listed and the inventory's record of each resource stands in for it. An out-of-band
 * edit there is the scheduled drift run's to find, which observes everything.
 */
export interface ObserveScope {
  settled: ReadonlySet<string>;
}

const parentOf: Partial<Record<MeshResourceKind, 'VirtualRouter' | 'VirtualGateway'>> = {
  Route: 'VirtualRouter',
  GatewayRoute: 'VirtualGateway',
};
const containerKinds = new Set<string>(['Mesh', 'VirtualRouter', 'VirtualGateway']);

/** The keys of what holds a resource: its mesh, and a route's router (a gateway route's gateway); a mesh, itself. */
function containersOf(key: string): string[] {
  const id = parseMeshKey(key);
  if (!id) return [];
  // A mesh that changed or left Git: what is in it is listed, so nothing in it is planned from the inventory.
  if (id.kind === 'Mesh') return [key];
  const mesh = meshResourceKey({ kind: 'Mesh', meshName: id.meshName, name: id.meshName });
  const kind = parentOf[id.kind];
  if (!kind) return [mesh];
  const name = kind === 'VirtualRouter' ? id.virtualRouterName : id.virtualGatewayName;
  return [mesh, meshResourceKey({ kind, meshName: id.meshName, name: name ?? '' })];
}

/**
 * The scope of a push: every mesh, router and gateway the inventory knows is settled unless something in
 * it was added, changed or removed in Git since the inventory recorded it. A container the inventory does
 * not know is never settled (nothing vouches for its contents).
 */
export function scopeToChanges(
  desired: readonly { key: string; spec: unknown }[],
  inventory: readonly InventoryEntry[],
): ObserveScope {
  const recorded = new Map(inventory.map((e) => [e.key, e]));
  const touched = new Set<string>();
  const desiredKeys = new Set<string>();
  for (const d of desired) {
    desiredKeys.add(d.key);
    if (recorded.get(d.key)?.specHash !== specHash(d.spec))
      for (const c of containersOf(d.key)) touched.add(c);
  }
  for (const e of inventory) {
    if (!desiredKeys.has(e.key)) for (const c of containersOf(e.key)) touched.add(c);
  }
  const isContainer = (key: string) => containerKinds.has(parseMeshKey(key)?.kind ?? '');
  const settled = new Set(inventory.map((e) => e.key).filter((k) => isContainer(k) && !touched.has(k)));
  return { settled };
}

/**
 * Whether a listed mesh's members, or a listed router's or gateway's children, must be listed: something
 * in it changed in Git, or the container itself is not the instance at the version the inventory recorded
 * (re-created or edited out of band), so nothing vouches for what is in it.
 */
export function mustListContents(
  scope: ObserveScope,
  container: ObservedMeshResource,
  entry: InventoryEntry | undefined,
): boolean {
  if (!scope.settled.has(container.key) || !isRecordedInstance(container, entry)) return true;
  return entry.version !== container.version;
}

/** The inventory's resources by the key of each container they are in (mesh, router, gateway). */
export function recordedContents(inventory: readonly InventoryEntry[]): Map<string, AppMeshEntry[]> {
  const byContainer = new Map<string, AppMeshEntry[]>();
  for (const e of entriesOf(inventory, 'appmesh')) {
    for (const container of containersOf(e.key)) {
      const contents = byContainer.get(container);
      if (contents) contents.push(e);
      else byContainer.set(container, [e]);
    }
  }
  return byContainer;
}

/**
 * A resource the inventory recorded in a container whose contents were not listed, standing in for the
 * resource as last applied; meshcd wrote it, so it is `resourceOwner`'s. Marked `fromInventory`: the plan
 * may find it unchanged, never write from it.
 */
export function standIn(
  entry: AppMeshEntry,
  container: ObservedMeshResource,
  resourceOwner: string,
): ObservedMeshResource | undefined {
  const id = parseMeshKey(entry.key);
  if (!id) return undefined;
  return {
    ...id,
    arn: entry.arn,
    version: Number(entry.version),
    ...(entry.createdAt !== undefined ? { createdAt: entry.createdAt } : {}),
    ...(entry.uid !== undefined ? { uid: entry.uid } : {}),
    meshOwner: container.meshOwner,
    resourceOwner,
    fromInventory: true,
  };
}
