import type { DesiredMeshMember } from '../desired/desired-state.ts';
import { specHash } from '../plan/spec-hash.ts';
import { formatKey } from '../provider/resource-key.ts';
import type { InjectionEntry, InventoryEntry } from '../state/inventory-entry.ts';

/**
 * The injector's memory: the VirtualNodes and VirtualGateways of the last apply, one inventory entry
 * each under `injector:<namespace>/<Kind>/<name>`, so a cluster event can recompute one workload's
 * injection without the manifests, and a later plan knows which namespaces held injected workloads.
 */
const memberEntryKey = (m: Pick<DesiredMeshMember, 'namespace' | 'kind' | 'objectName'>): string =>
  formatKey({ provider: 'injector', namespace: m.namespace, kind: m.kind, name: m.objectName });

export const isMemberEntry = (entry: InventoryEntry): entry is InjectionEntry =>
  entry.provider === 'injector';

export function memberEntry(
  targetId: string,
  member: DesiredMeshMember,
  revision: string,
  updatedAt: string,
): InjectionEntry {
  return {
    provider: 'injector',
    targetId,
    key: memberEntryKey(member),
    kind: member.kind,
    namespace: member.namespace,
    name: member.objectName,
    version: 0,
    specHash: specHash(member),
    // A JSON round trip drops undefined fields, which the DynamoDB marshaller refuses.
    lastAppliedSpec: JSON.parse(JSON.stringify(member)),
    sourceRevision: revision,
    updatedAt,
  };
}

export const recordedMembers = (inventory: readonly InventoryEntry[]): DesiredMeshMember[] =>
  inventory.filter(isMemberEntry).map((e) => e.lastAppliedSpec as DesiredMeshMember);
