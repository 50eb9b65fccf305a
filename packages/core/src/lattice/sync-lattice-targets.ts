import pLimit from 'p-limit';
import type { EndpointCluster } from '../cloudmap/cloud-map-session.ts';
import { selectorMatches } from '../desired/label-selector.ts';
import { type PodEndpoint, podEndpoint } from '../endpoints/pod-endpoint.ts';
import { errorSummary } from '../errors/error-summary.ts';
import { MeshcdError } from '../errors/meshcd-error.ts';
import type { LatticeApi } from '../ports/lattice-api.ts';
import { targetSourceKey } from '../provider/resource-key.ts';
import type { InventoryEntry, TargetSourceEntry } from '../state/inventory-entry.ts';
import type { StateStore } from '../state/state-store.ts';
import { LATTICE_QUOTA_DEFAULTS } from './lattice-quotas.ts';
import type { DesiredTargetGroup, LatticeTarget, LatticeTargetSource } from './lattice-resource.ts';

/** A target group whose targets follow pods, as the last apply recorded it. */
export interface TargetGroupMember {
  /** Inventory key of the target group. */
  key: string;
  source: LatticeTargetSource;
}

export type TargetSyncStatus = 'in-sync' | 'changed' | 'failed';

export interface TargetSyncOutcome {
  group: string;
  targetGroupId?: string;
  status: TargetSyncStatus;
  registered: string[];
  deregistered: string[];
  error?: { phase: string; reason: string; message: string; retryable: boolean };
}

/** The inventory entry recording where a target group's targets come from, so a pod event needs no manifests. */
export function targetGroupMemberEntry(
  targetId: string,
  group: DesiredTargetGroup,
  revision: string,
  updatedAt: string,
): TargetSourceEntry {
  const member: TargetGroupMember = { key: group.key, source: group.targets };
  return {
    provider: 'lattice-targets',
    targetId,
    key: targetSourceKey(group.key),
    kind: 'LatticeTargets',
    version: 0,
    specHash: '',
    // A JSON round trip drops undefined fields, which the DynamoDB marshaller refuses.
    lastAppliedSpec: JSON.parse(JSON.stringify(member)),
    sourceRevision: revision,
    updatedAt,
  };
}

export const isTargetGroupMemberEntry = (e: InventoryEntry): e is TargetSourceEntry =>
  e.provider === 'lattice-targets';

export const recordedTargetGroups = (inventory: readonly InventoryEntry[]): TargetGroupMember[] =>
  inventory.filter(isTargetGroupMemberEntry).map((e) => e.lastAppliedSpec as TargetGroupMember);

const targetId = (t: LatticeTarget) => `${t.id}:${t.port}`;

/**
 * The targets a group should have: the ready pods its node selects in the node's namespace, not terminating,
 * with an IP, on the node listener's port (spec §5.2). Cloud Map sources are not in the cluster: none here.
 */
export function desiredTargets(source: LatticeTargetSource, pods: readonly PodEndpoint[]): LatticeTarget[] {
  if (source.from !== 'pods' || !source.podSelector) return [];
  return pods
    .filter(
      (p) => p.namespace === source.namespace && p.ready && selectorMatches(source.podSelector, p.labels),
    )
    .map((p) => ({ id: p.ip, port: source.port }))
    .sort((a, b) => targetId(a).localeCompare(targetId(b)));
}

/** Each namespace's pod endpoints, listed once per sync. */
export function podReader(cluster: Pick<EndpointCluster, 'list'>) {
  const cache = new Map<string, Promise<PodEndpoint[]>>();
  return (namespace: string) => {
    let found = cache.get(namespace);
    if (!found) {
      found = cluster
        .list({ apiVersion: 'v1', kind: 'Pod', namespace })
        .then((pods) => pods.map(podEndpoint).filter((p): p is PodEndpoint => p !== undefined));
      cache.set(namespace, found);
    }
    return found;
  };
}

/**
 * Keeps each target group's targets equal to its pods: ListTargets, deregister what is registered but no
 * longer desired (terminating, gone, unready or relabelled pods; DRAINING ones are already on their way),
 * register what is missing. Everything is read back from the live world, so a duplicate, late or reordered
 * event converges on the same targets, and an in-sync group costs no write.
 */
export async function syncLatticeTargets(input: {
  api: LatticeApi;
  cluster: Pick<EndpointCluster, 'list'>;
  groups: readonly TargetGroupMember[];
  /** Target group key → its Lattice id (from the inventory). */
  idOf: (key: string) => string | undefined;
  targetsPerGroupLimit?: number;
}): Promise<TargetSyncOutcome[]> {
  const pods = podReader(input.cluster);
  const limit = pLimit(8);
  const max = input.targetsPerGroupLimit ?? LATTICE_QUOTA_DEFAULTS.targetsPerTargetGroup.limit;
  return Promise.all(
    input.groups.map((g) =>
      limit(async (): Promise<TargetSyncOutcome> => {
        const outcome: TargetSyncOutcome = {
          group: g.key,
          status: 'in-sync',
          registered: [],
          deregistered: [],
        };
        try {
          const id = input.idOf(g.key);
          if (!id)
            throw new MeshcdError({
              phase: 'endpoints',
              reason: 'target-group-unknown',
              message: `${g.key} is not in the inventory`,
            });
          outcome.targetGroupId = id;
          if (g.source.from !== 'pods') return outcome;
          const want = desiredTargets(g.source, await pods(g.source.namespace));
          if (want.length > max)
            throw new MeshcdError({
              phase: 'endpoints',
              reason: 'quota-exceeded',
              message: `${g.key} would hold ${want.length} targets, over the VPC Lattice quota "${LATTICE_QUOTA_DEFAULTS.targetsPerTargetGroup.title}" (${LATTICE_QUOTA_DEFAULTS.targetsPerTargetGroup.code}), limit ${max}`,
            });
          const live = (await input.api.listTargets(id)).filter((t) => t.status !== 'DRAINING');
          const wanted = new Set(want.map(targetId));
          const have = new Set(live.map(targetId));
          const stale = live
            .filter((t) => !wanted.has(targetId(t)))
            .map(({ id: tid, port }) => ({ id: tid, port }));
          const missing = want.filter((t) => !have.has(targetId(t)));
          if (stale.length > 0) await input.api.deregisterTargets(id, stale);
          if (missing.length > 0) await input.api.registerTargets(id, missing);
          outcome.deregistered = stale.map(targetId);
          outcome.registered = missing.map(targetId);
          if (stale.length + missing.length > 0) outcome.status = 'changed';
        } catch (error) {
          outcome.status = 'failed';
          outcome.error = {
            phase: (error as { phase?: string }).phase ?? 'endpoints',
            ...errorSummary(error),
          };
        }
        return outcome;
      }),
    ),
  );
}

/** The targets a new group starts with, for the writer: registered before anything forwards to it. */
export function initialTargets(cluster: Pick<EndpointCluster, 'list'> | undefined) {
  if (!cluster) return undefined;
  const pods = podReader(cluster);
  return async (group: DesiredTargetGroup) =>
    group.targets.from === 'pods' ? desiredTargets(group.targets, await pods(group.targets.namespace)) : [];
}

/**
 * Records, after an apply, where each desired target group's targets come from (and forgets groups that left
 * Git), so pod events and the drift run can sync targets without the manifests. Unchanged entries are not
 * rewritten.
 */
export async function recordTargetGroupMembers(input: {
  store: Pick<StateStore, 'putInventory' | 'deleteInventory'>;
  targetId: string;
  groups: readonly DesiredTargetGroup[];
  inventory: readonly InventoryEntry[];
  revision: string;
  updatedAt: string;
}): Promise<void> {
  const recorded = new Map(input.inventory.filter(isTargetGroupMemberEntry).map((e) => [e.key, e]));
  for (const g of input.groups) {
    const entry = targetGroupMemberEntry(input.targetId, g, input.revision, input.updatedAt);
    const before = recorded.get(entry.key);
    recorded.delete(entry.key);
    if (before && JSON.stringify(before.lastAppliedSpec) === JSON.stringify(entry.lastAppliedSpec)) continue;
    await input.store.putInventory(entry);
  }
  for (const key of recorded.keys()) await input.store.deleteInventory(input.targetId, key);
}
