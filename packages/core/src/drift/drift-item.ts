import type { FieldDiff } from '../plan/diff-spec.ts';

/**
 * Drift states, in CloudFormation's and driftctl's sense: a resource is as Git (or the last apply) wants
 * it, changed behind meshcd's back, deleted out of band, present in a managed mesh without being in Git,
 * or could not be looked at.
 */
export type DriftState = 'InSync' | 'Modified' | 'Missing' | 'Unmanaged' | 'Unknown';

export const driftStates: readonly DriftState[] = ['InSync', 'Modified', 'Missing', 'Unmanaged', 'Unknown'];

/** Why an item has its state, for the states where that is not obvious. */
export type DriftReason =
  /** Modified: the spec differs in the listed fields. */
  | 'spec-changed'
  /** Modified: a same-named resource (another ARN or uid) that meshcd did not create replaced the one it did. */
  | 'replaced'
  /** Modified: the sidecar injection meshcd-injector applied to a workload was edited or removed. */
  | 'injection-changed'
  /** Unmanaged: meshcd still records it, but Git no longer has it (prune pending or disabled). */
  | 'removed-from-git'
  /** Unmanaged: nobody told meshcd about it. */
  | 'not-in-git'
  /** Unmanaged: it carries the target's ownership tag, but meshcd has no record of it (a lost write, a copy). */
  | 'tagged-not-recorded'
  /** Missing: a ready pod of a Cloud Map node has no instance. */
  | 'pod-not-registered'
  /** Modified: an instance's health disagrees with its pod's readiness. */
  | 'health-changed'
  /** Unmanaged: an instance of a node whose pod is gone or no longer an endpoint (deregistered on the next sync). */
  | 'pod-gone'
  /** Unmanaged: an instance in a node's Cloud Map service that none of the target's nodes claims (left alone). */
  | 'foreign-instance'
  /** Unknown: the Describe (or the cluster read) failed. */
  | 'describe-failed'
  /** Unknown: listing the mesh (or namespace) holding it failed. */
  | 'list-failed';

/** Where a drift item lives: App Mesh (`appmesh:` keys), the cluster (`kube:` keys), Cloud Map (`cloudmap:` keys) or VPC Lattice (`lattice:` keys). */
export type DriftProvider = 'appmesh' | 'kube' | 'cloudmap' | 'lattice';

/** What of a cluster object an item is about (absent: the object). */
type DriftSubject = 'object' | 'injection';

/** One resource's drift. The key is the inventory key, so App Mesh resources and cluster objects share a model. */
export interface DriftItem {
  key: string;
  provider: DriftProvider;
  /** App Mesh kind, or the Kubernetes kind. */
  kind: string;
  name: string;
  /** App Mesh: the mesh; kube: absent. */
  meshName?: string;
  /** kube: the namespace ('' for cluster-scoped objects); cloudmap: the Cloud Map namespace. */
  namespace?: string;
  /** Route and GatewayRoute: the router or gateway they belong to; a Cloud Map instance: its service; a Lattice child: where it lives (`service color, listener http-80`). */
  parentName?: string;
  /** cloudmap: the VirtualNode (App Mesh name) whose pod an instance stands for. */
  node?: string;
  /** kube: the object meshcd applied from Git, or the injection meshcd-injector applied to a workload. */
  subject?: DriftSubject;
  state: DriftState;
  reason?: DriftReason;
  /** Field-level differences of a Modified item, paths from the resource root (`spec.listeners[0]…`). */
  differences?: FieldDiff[];
  /** Unknown: what went wrong. */
  error?: string;
  arn?: string;
  /** The revision that last wrote it, when meshcd manages it. */
  sourceRevision?: string;
}

/** Counts and coverage, driftctl-style. */
export interface DriftSummary {
  /** Every classified item. */
  total: number;
  counts: Record<DriftState, number>;
  /** Items Git (or the last apply) covers: everything but Unmanaged. */
  managed: number;
  /** Share of the resources found that Git covers, 0..1 (driftctl's "coverage"); 1 when nothing was found. */
  coverage: number;
  /** Share of the managed items that are InSync, 0..1; 1 when nothing is managed. */
  inSyncRatio: number;
}

/** True for the states that mean reality differs from Git (Unknown is not known to differ). */
export const isDrifted = (item: Pick<DriftItem, 'state'>): boolean =>
  item.state === 'Modified' || item.state === 'Missing' || item.state === 'Unmanaged';

export function summariseDrift(items: readonly DriftItem[]): DriftSummary {
  const counts = { InSync: 0, Modified: 0, Missing: 0, Unmanaged: 0, Unknown: 0 } as Record<
    DriftState,
    number
  >;
  for (const i of items) counts[i.state]++;
  const total = items.length;
  const managed = total - counts.Unmanaged;
  // Missing resources are not "found", so they do not count towards coverage (as in driftctl).
  const found = total - counts.Missing;
  const foundManaged = managed - counts.Missing;
  return {
    total,
    counts,
    managed,
    coverage: found === 0 ? 1 : foundManaged / found,
    inSyncRatio: managed === 0 ? 1 : counts.InSync / managed,
  };
}

/** Items in a stable order: by key, so reports and fingerprints never depend on listing order. */
export const sortDriftItems = (items: readonly DriftItem[]): DriftItem[] =>
  [...items].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
