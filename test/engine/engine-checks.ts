import {
  detectDrift,
  type ManifestFile,
  type MeshApi,
  type NamespaceLabels,
  type ReconcileResult,
  reconcile,
  type StateStore,
  type Target,
} from '@meshcd/core';
import type { AppMeshEmulatorHandle, AppMeshSnapshot } from '@meshcd/emulators';

export type StoredResource = AppMeshSnapshot['state']['resources'][string];

/** Namespaces the corpus applies into without defining them (its walkthroughs use `kubectl -n`). */
export const corpusLiveLabels: Record<string, Record<string, Record<string, string>>> = {
  'eks-appmesh-connectivity': { default: { mesh: 'yelb-mesh', gateway: 'ingress-gw' } },
};

export interface Ports {
  target: Target;
  mesh: MeshApi;
  state: StateStore;
}

let runs = 0;

/** One reconcile of `files` with the given ports; revision defaults to a hash-free label of the call. */
export function reconcileFiles(
  ports: Ports,
  files: readonly ManifestFile[],
  options: {
    mode?: 'plan' | 'apply';
    revision?: string;
    allowPrune?: boolean;
    refresh?: boolean;
    unsettledHolder?: string;
    namespaceLabels?: NamespaceLabels;
  } = {},
): Promise<ReconcileResult> {
  return reconcile({
    target: ports.target,
    revision: options.revision ?? 'rev',
    files,
    mode: options.mode ?? 'apply',
    mesh: ports.mesh,
    state: ports.state,
    ...(options.allowPrune ? { allowPrune: true } : {}),
    ...(options.refresh ? { refresh: true } : {}),
    ...(options.unsettledHolder !== undefined ? { unsettledHolder: options.unsettledHolder } : {}),
    ...(options.namespaceLabels ? { namespaceLabels: options.namespaceLabels } : {}),
    runId: `run-${runs++}`,
    now: () => new Date(),
  });
}

/** A drift check of the world as the scheduled run makes it, left out of the history. */
export const checkDrift = (ports: Ports) =>
  detectDrift({
    target: ports.target,
    mesh: ports.mesh,
    state: ports.state,
    record: false,
    runId: 'drift',
    now: () => new Date(),
  });

export const labelsFor = (folder: string): NamespaceLabels | undefined => {
  const labels = corpusLiveLabels[folder];
  return labels ? (ns: string) => labels[ns] : undefined;
};

/** Every resource the emulator holds, whoever owns it. */
export const emulatorResources = (emulator: AppMeshEmulatorHandle): StoredResource[] =>
  Object.values(emulator.snapshot().state.resources);

const ownedBy = (r: StoredResource, target: Target) =>
  r.resourceOwner === target.accountId &&
  r.tags.some((t) => t.key === 'meshcd:target' && t.value === target.id);

/**
 * The inventory and App Mesh agree exactly: every resource carrying the target's tag has one inventory entry
 * with its ARN and version, and every inventory entry names a live resource at the recorded version.
 * Returns the differences (empty when consistent), so a failure shows what is off.
 */
export async function inventoryMismatches(
  emulator: AppMeshEmulatorHandle,
  state: StateStore,
  target: Target,
): Promise<string[]> {
  const live = emulatorResources(emulator).filter((r) => ownedBy(r, target));
  const inventory = (await state.listInventory(target.id)).flatMap((e) =>
    e.provider === 'appmesh' ? [e] : [],
  );
  const byArn = new Map(inventory.map((e) => [e.arn, e]));
  const problems: string[] = [];
  for (const r of live) {
    const e = byArn.get(r.arn);
    if (!e) problems.push(`${r.arn} is in App Mesh but not in the inventory`);
    else if (e.version !== r.version)
      problems.push(`${e.key}: inventory version ${e.version}, App Mesh ${r.version}`);
  }
  const liveArns = new Set(live.map((r) => r.arn));
  for (const e of inventory)
    if (!liveArns.has(e.arn)) problems.push(`${e.key} (${e.arn}) is not in App Mesh`);
  if (byArn.size !== inventory.length) problems.push('two inventory entries share an ARN');
  return problems;
}

const writePrefixes = ['Create', 'Update', 'Delete', 'Tag', 'Untag'];
export const isWriteOperation = (operation: string) => writePrefixes.some((p) => operation.startsWith(p));

/** Operations by count, for readable assertions and benchmark output. */
export function callsByOperation(calls: readonly { operation: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of calls) counts[c.operation] = (counts[c.operation] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}
