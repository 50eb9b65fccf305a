import { meshResourceKey, parseMeshKey } from '../appmesh/appmesh-key.ts';
import type { MeshResourceKind } from '../desired/desired-state.ts';
import { specHash } from '../plan/spec-hash.ts';
import { type AppMeshEntry, entriesOf, type InventoryEntry } from '../state/inventory-entry.ts';
import type { ObservedMeshResource } from './observed-mesh-resource.ts';

/**
 * What a push observes of the children (routes, gateway routes) of each router and gateway. Listing them
 * costs one call per parent, most of a large target's observe; a push changes few of them. `settled`
 * holds the parents whose children in Git are exactly what the inventory recorded as applied (same keys,
 * same spec hashes): the push cannot touch them, so their children are not listed and the inventory's
 * record of each stands in for it. An out-of-band edit there is the scheduled drift run's to find, which
 * observes everything.
 */
export interface ObserveScope {
  settled: ReadonlySet<string>;
}

const parentOf: Partial<Record<MeshResourceKind, 'VirtualRouter' | 'VirtualGateway'>> = {
  Route: 'VirtualRouter',
  GatewayRoute: 'VirtualGateway',
};

/** The key of a route's router (a gateway route's gateway), or undefined for a kind with no parent. */
function parentKey(key: string): string | undefined {
  const id = parseMeshKey(key);
  const kind = id && parentOf[id.kind];
  if (!id || !kind) return undefined;
  const name = kind === 'VirtualRouter' ? id.virtualRouterName : id.virtualGatewayName;
  return meshResourceKey({ kind, meshName: id.meshName, name: name ?? '' });
}

/**
 * The scope of a push: every router and gateway the inventory knows is settled unless a child of it was
 * added, changed or removed in Git since the inventory recorded it. A parent the inventory does not know
 * is never settled (nothing vouches for its children).
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
    const parent = parentKey(d.key);
    if (parent !== undefined && recorded.get(d.key)?.specHash !== specHash(d.spec)) touched.add(parent);
  }
  for (const e of inventory) {
    const parent = parentKey(e.key);
    if (parent !== undefined && !desiredKeys.has(e.key)) touched.add(parent);
  }
  const parents = new Set<string>(Object.values(parentOf));
  const isParent = (key: string) => parents.has(parseMeshKey(key)?.kind ?? '');
  const settled = new Set(inventory.map((e) => e.key).filter((k) => isParent(k) && !touched.has(k)));
  return { settled };
}

/**
 * Whether a listed router's or gateway's children must be listed: its children changed in Git, or the
 * parent itself is not the instance at the version the inventory recorded (re-created or edited out of
 * band), so nothing vouches for what is under it.
 */
export function mustListChildren(
  scope: ObserveScope,
  parent: ObservedMeshResource,
  entry: InventoryEntry | undefined,
): boolean {
  if (!scope.settled.has(parent.key) || entry?.provider !== 'appmesh' || entry.arn !== parent.arn)
    return true;
  if (entry.createdAt !== undefined && parent.createdAt !== undefined && entry.createdAt !== parent.createdAt)
    return true;
  return entry.version !== parent.version;
}

/** The inventory's routes and gateway routes by the key of their parent. */
export function recordedChildren(inventory: readonly InventoryEntry[]): Map<string, AppMeshEntry[]> {
  const byParent = new Map<string, AppMeshEntry[]>();
  for (const e of entriesOf(inventory, 'appmesh')) {
    const parent = parentKey(e.key);
    if (parent === undefined) continue;
    const siblings = byParent.get(parent);
    if (siblings) siblings.push(e);
    else byParent.set(parent, [e]);
  }
  return byParent;
}

/**
 * A child the inventory recorded under a parent whose children were not listed, standing in for the
 * resource as last applied. Marked `fromInventory`: the plan may find it unchanged, never write from it.
 */
export function standIn(entry: AppMeshEntry, parent: ObservedMeshResource): ObservedMeshResource | undefined {
  const id = parseMeshKey(entry.key);
  if (!id) return undefined;
  return {
    ...id,
    arn: entry.arn,
    version: Number(entry.version),
    ...(entry.createdAt !== undefined ? { createdAt: entry.createdAt } : {}),
    ...(entry.uid !== undefined ? { uid: entry.uid } : {}),
    meshOwner: parent.meshOwner,
    resourceOwner: parent.resourceOwner,
    fromInventory: true,
  };
}
