import pLimit from 'p-limit';
import type { LatticeApi, ObservedLatticeResource } from '../ports/lattice-api.ts';
import {
  formatLatticeKey,
  type LatticeResourceIdentity,
  latticeResourceKey,
  policyHolderKey,
} from '../provider/lattice-resource-key.ts';
import { type InventoryEntry, recordedArn } from '../state/inventory-entry.ts';
import type { LatticeRegionUsage } from './check-lattice-quotas.ts';
import { latticeObservedSpec } from './lattice-observed-spec.ts';
import type { DesiredLatticeResource } from './lattice-resource.ts';

/** An observed Lattice resource under the key meshcd knows it by, with its spec when it was needed. */
export interface KeyedLatticeResource extends ObservedLatticeResource {
  key: string;
  /** Desired-shaped spec (keys, not ids): the inventory's last-applied one when it vouches, else from Get. */
  spec?: unknown;
}

export interface LatticeObservation {
  /** The resources meshcd wants or recorded, under their keys, and whatever else lives in their networks and services. */
  resources: KeyedLatticeResource[];
  /** The account's region-wide counts, for the quota pre-check. */
  region: LatticeRegionUsage;
}

const ownerTag = 'meshcd:target';

/**
 * Observes what a target's Lattice resources are now, as cheaply as the API allows: one List per kind and
 * parent (networks, services and target groups of the account; associations, listeners and rules only under
 * the networks and services meshcd wants or recorded), Get only where the inventory does not vouch for the
 * spec (another instance, or a lastUpdatedAt other than the one recorded after meshcd's write), and tags only
 * where ownership is in question. Auth policies have no List: each wanted or recorded one is read.
 */
export async function observeLattice(
  api: LatticeApi,
  desired: readonly DesiredLatticeResource[],
  inventory: readonly InventoryEntry[],
  options: { concurrency?: number } = {},
): Promise<LatticeObservation> {
  const limit = pLimit(options.concurrency ?? 8);
  const wanted = new Set([...desired.map((d) => d.key), ...inventory.map((e) => e.key)]);
  const byArn = new Map(inventory.flatMap((e) => (recordedArn(e) ? [[recordedArn(e)!, e] as const] : [])));
  const taken = new Set<string>();
  // The key a resource goes by: the inventory's when it recorded this very instance (a replaced target
  // group's new name still answers to its key), else the key its names give it. A second resource under a
  // taken key (a leftover of a replacement) gets a key of its own, so it can be pruned.
  const keyOf = (r: ObservedLatticeResource, id: LatticeResourceIdentity) => {
    const recorded = byArn.get(r.arn)?.key;
    const byName = latticeResourceKey(id);
    const key =
      recorded ??
      (taken.has(byName) ? formatLatticeKey({ provider: 'lattice', id, instance: r.id }) : byName);
    taken.add(key);
    return key;
  };
  const relevant = (key: string, r: ObservedLatticeResource) => wanted.has(key) || byArn.has(r.arn);

  const [networks, services, groups] = await Promise.all([
    api.list({ kind: 'ServiceNetwork' }),
    api.list({ kind: 'Service' }),
    api.list({ kind: 'TargetGroup' }),
  ]);
  // Recorded instances first, so a same-named stranger never takes their key.
  const recordedFirst = (rs: ObservedLatticeResource[]) =>
    [...rs].sort((a, b) => Number(byArn.has(b.arn)) - Number(byArn.has(a.arn)));
  const keyed: KeyedLatticeResource[] = [];
  // Children of the networks and services in scope are all kept, ours or not: drift reports the others.
  const add = (r: ObservedLatticeResource, id: LatticeResourceIdentity, child = true) => {
    const k = { ...r, key: keyOf(r, id) };
    if (child || relevant(k.key, r)) keyed.push(k);
    return k;
  };
  const liveNetworks = recordedFirst(networks)
    .map((n) => add(n, { kind: 'ServiceNetwork', name: n.name }, false))
    .filter((n) => relevant(n.key, n));
  const liveServices = recordedFirst(services)
    .map((s) => add(s, { kind: 'Service', name: s.name }, false))
    .filter((s) => relevant(s.key, s));
  for (const g of recordedFirst(groups)) add(g, { kind: 'TargetGroup', name: g.name }, false);

  const nameOfId = new Map([...networks, ...services].map((r) => [r.id, r.name]));
  await Promise.all([
    ...liveNetworks.map((n) =>
      limit(async () => {
        const [vpcs, members] = await Promise.all([
          api.list({ kind: 'ServiceNetworkVpcAssociation', serviceNetworkId: n.id }),
          api.list({ kind: 'ServiceNetworkServiceAssociation', serviceNetworkId: n.id }),
        ]);
        for (const a of recordedFirst(vpcs))
          add(a, {
            kind: 'ServiceNetworkVpcAssociation',
            serviceNetworkName: n.name,
            vpcId: a.name,
          });
        for (const a of recordedFirst(members))
          add(a, {
            kind: 'ServiceNetworkServiceAssociation',
            serviceNetworkName: n.name,
            serviceName: nameOfId.get(a.parent?.serviceId ?? '') ?? a.name,
          });
      }),
    ),
    ...liveServices.map((s) =>
      limit(async () => {
        const listeners = await api.list({ kind: 'Listener', serviceId: s.id });
        for (const l of recordedFirst(listeners)) {
          add(l, { kind: 'Listener', serviceName: s.name, name: l.name });
          const rules = await api.list({ kind: 'Rule', serviceId: s.id, listenerId: l.id });
          for (const r of recordedFirst(rules).filter((x) => !x.isDefault))
            add(r, { kind: 'Rule', serviceName: s.name, listenerName: l.name, name: r.name });
        }
      }),
    ),
  ]);

  // Auth policies live on their parent: read each one meshcd wants or recorded whose parent exists.
  const parentByKey = new Map(keyed.map((k) => [k.key, k]));
  const policyKeys = [
    ...desired.filter((d) => d.kind === 'AuthPolicy').map((d) => d.key),
    ...inventory.filter((e) => e.kind === 'AuthPolicy').map((e) => e.key),
  ];
  for (const key of new Set(policyKeys)) {
    const parent = parentByKey.get(policyHolderKey(key));
    if (!parent) continue;
    const policy = await api.get({ kind: 'AuthPolicy', id: parent.id, arn: parent.arn, name: parent.name });
    // An empty policy is no policy: Lattice answers GetAuthPolicy on any service or network.
    if (policy?.detail?.policy) keyed.push({ ...policy, key, spec: undefined });
  }

  const keyById = new Map(keyed.map((k) => [k.id, k.key]));
  for (const g of groups)
    if (!keyById.has(g.id))
      keyById.set(
        g.id,
        formatLatticeKey({ provider: 'lattice', id: { kind: 'TargetGroup', name: g.name }, instance: g.id }),
      );
  const specKeyOf = (id: string) => keyById.get(id) ?? id;
  const entryOf = new Map(inventory.map((e) => [e.key, e]));
  const resources = await Promise.all(
    keyed.map((k) =>
      limit(async () => {
        const entry = entryOf.get(k.key);
        const recorded = entry !== undefined && recordedArn(entry) === k.arn;
        let r: KeyedLatticeResource = k;
        if (k.kind === 'AuthPolicy') r = { ...k, spec: latticeObservedSpec(k, specKeyOf) };
        else if (recorded && k.lastUpdatedAt !== undefined && entry.version === k.lastUpdatedAt)
          r = { ...k, spec: entry.lastAppliedSpec };
        else if (k.kind === 'ServiceNetworkServiceAssociation')
          r = { ...k, spec: latticeObservedSpec(k, specKeyOf) };
        else {
          const got = await api.get(k);
          r = got
            ? { ...got, key: k.key, spec: latticeObservedSpec(got, specKeyOf) }
            : { ...k, status: 'GONE' };
        }
        if (!recorded && k.kind !== 'AuthPolicy') r = { ...r, tags: await api.listTags(k.arn) };
        return r;
      }),
    ),
  );
  return {
    resources: resources.filter((r) => r.status !== 'GONE'),
    region: { serviceNetworks: networks.length, services: services.length, targetGroups: groups.length },
  };
}

export const isOwnedLattice = (
  r: KeyedLatticeResource,
  entry: InventoryEntry | undefined,
  targetId: string,
  parentOwned: (key: string) => boolean,
): boolean => {
  if (r.kind === 'AuthPolicy') return parentOwned(policyHolderKey(r.key));
  return (entry !== undefined && recordedArn(entry) === r.arn) || r.tags?.[ownerTag] === targetId;
};
