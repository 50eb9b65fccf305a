import pLimit from 'p-limit';
import {
  injectionMarkOf,
  injectorFieldManager,
  isOwnedBy,
  managedByLabel,
} from '../cluster/cluster-ownership.ts';
import type { ClusterWorkload } from '../cluster/cluster-workload.ts';
import { injectionBody } from '../cluster/injection-body.ts';
import type { InjectorOptions } from '../cluster/injector-options.ts';
import { clusterNamespaceLabels } from '../cluster/observe-cluster.ts';
import { liveWorkload, planInjections } from '../cluster/plan-injections.ts';
import { workloadKinds } from '../cluster/pod-template.ts';
import { recordedMembers } from '../cluster/recorded-members.ts';
import { kubeKeyOf, parseKubeKey } from '../desired/inventory-key.ts';
import type { ClusterApi, KubeListQuery, KubeLiveObject, KubeObjectRef } from '../ports/cluster-api.ts';
import type { InventoryEntry } from '../state/inventory-entry.ts';
import type {
  ExpectedKubeObject,
  KubeInjectionCheck,
  ObservedKubeObject,
  UnmanagedKubeObject,
} from './kube-drift.ts';

/** The cluster as drift sees it: the expected objects, the injected workloads and the unrecorded objects. */
export interface ClusterDriftObservation {
  observed: ObservedKubeObject[];
  unmanaged: UnmanagedKubeObject[];
  injections: KubeInjectionCheck[];
}

interface ObserveClusterForDriftInput {
  targetId: string;
  /** What meshcd last applied (or Git wants): the objects to read back. */
  expected: readonly ExpectedKubeObject[];
  /** The target's inventory: its recorded members say which workloads carry an injection. */
  inventory: readonly InventoryEntry[];
  injector: InjectorOptions;
  concurrency?: number;
}

/**
 * Kinds looked at for Unmanaged objects in a managed namespace: what an app is made of. Bounded on purpose
 * (a few lists per namespace), as the namespace holds much more that is nobody's concern (Events, Pods…).
 */
const unmanagedKinds = [
  ...workloadKinds.map((kind) => ({ apiVersion: 'apps/v1', kind })),
  { apiVersion: 'v1', kind: 'Service' },
  { apiVersion: 'v1', kind: 'ServiceAccount' },
  { apiVersion: 'v1', kind: 'ConfigMap' },
];

/** Objects every namespace gets from the API server itself, never anybody's to declare. */
const builtIn = new Set(['v1/ServiceAccount/default', 'v1/ConfigMap/kube-root-ca.crt']);

const keyOf = (o: KubeLiveObject) => kubeKeyOf(o);
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function refOf(e: ExpectedKubeObject): KubeObjectRef {
  const { namespace = '', kind = '', name = '' } = parseKubeKey(e.key) ?? {};
  const apiVersion = typeof e.object.apiVersion === 'string' ? e.object.apiVersion : '';
  return { apiVersion, kind, name, namespace: namespace || undefined };
}

/** Nobody's: no meshcd label, no owner object (a controller's ReplicaSet, Endpoints…), not built in. */
function unowned(o: KubeLiveObject): boolean {
  const metadata = o.metadata as { labels?: Record<string, string>; ownerReferences?: unknown[] };
  if (metadata.labels?.[managedByLabel] === 'meshcd') return false;
  if ((metadata.ownerReferences?.length ?? 0) > 0) return false;
  if (builtIn.has(`${o.apiVersion}/${o.kind}/${o.metadata.name}`)) return false;
  return !(o.kind === 'Service' && o.metadata.namespace === 'default' && o.metadata.name === 'kubernetes');
}

/** True when the injector has configured the workload: its mark, or fields it owns. */
function injected(o: KubeLiveObject): boolean {
  if (injectionMarkOf(o) !== undefined) return true;
  const managed = (o.metadata as { managedFields?: Array<{ manager?: string }> }).managedFields ?? [];
  return managed.some((m) => m.manager === injectorFieldManager);
}

/**
 * Reads the cluster for a drift check: one labelled list per kind meshcd applied (a GET only for what the
 * list lacks, to tell a deleted object from one whose label was removed), a few lists per managed
 * Namespace for Unmanaged objects, and the workloads of the namespaces holding recorded members, whose
 * injection is recomputed as the injector would apply it now. A failed list makes that kind's items Unknown;
 * when the namespaces cannot even be read, every cluster item is.
 */
export async function observeClusterForDrift(
  cluster: ClusterApi,
  input: ObserveClusterForDriftInput,
): Promise<ClusterDriftObservation> {
  const limit = pLimit(input.concurrency ?? 8);
  const lists = new Map<string, Promise<KubeLiveObject[] | { error: string }>>();
  const list = (query: KubeListQuery) => {
    const id = `${query.apiVersion} ${query.kind} ${query.namespace ?? '*'} ${query.labelSelector ?? ''}`;
    let pending = lists.get(id);
    if (!pending) {
      pending = limit(() => cluster.list(query)).catch((error: unknown) => ({ error: message(error) }));
      lists.set(id, pending);
    }
    return pending;
  };
  const expected = input.expected.map((e) => ({ key: e.key, ref: refOf(e) }));

  let labels: Awaited<ReturnType<typeof clusterNamespaceLabels>>;
  try {
    labels = await clusterNamespaceLabels(cluster);
  } catch (error) {
    const failed = { error: message(error), reason: 'list-failed' as const };
    return { observed: expected.map((e) => ({ key: e.key, ...failed })), unmanaged: [], injections: [] };
  }

  // Managed namespaces: the Namespaces meshcd applied. Their app-shaped objects are listed whole.
  const managedNamespaces = expected
    .filter((e) => e.ref.kind === 'Namespace' && e.ref.apiVersion === 'v1')
    .map((e) => e.ref.name);
  const members = recordedMembers(input.inventory);
  const memberNamespaces = [...new Set(members.map((m) => m.namespace))];
  const kinds = new Map(expected.map((e) => [`${e.ref.apiVersion} ${e.ref.kind}`, e.ref]));
  const [owned, namespaceLists, workloadLists] = await Promise.all([
    Promise.all(
      [...kinds.values()].map(async (r) => ({
        ref: r,
        result: await list({
          apiVersion: r.apiVersion,
          kind: r.kind,
          labelSelector: `${managedByLabel}=meshcd`,
        }),
      })),
    ),
    Promise.all(
      managedNamespaces.flatMap((namespace) =>
        unmanagedKinds.map(async (k) => ({ namespace, ...k, result: await list({ ...k, namespace }) })),
      ),
    ),
    Promise.all(
      memberNamespaces.flatMap((namespace) =>
        workloadKinds.map(async (kind) => ({
          namespace,
          kind,
          result: await list({ apiVersion: 'apps/v1', kind, namespace }),
        })),
      ),
    ),
  ]);

  // Which reads failed: by kind (the labelled list) and by kind in a namespace (the namespace lists).
  const failures = new Map<string, string>();
  const live = new Map<string, KubeLiveObject>();
  for (const { ref, result } of owned) {
    if ('error' in result) failures.set(`${ref.apiVersion} ${ref.kind}`, result.error);
    else for (const o of result) live.set(keyOf(o), o);
  }
  const expectedKeys = new Set(expected.map((e) => e.key));
  const unmanaged: UnmanagedKubeObject[] = [];
  for (const l of [...namespaceLists, ...workloadLists.map((w) => ({ ...w, apiVersion: 'apps/v1' }))]) {
    if ('error' in l.result) failures.set(`${l.apiVersion} ${l.kind} ${l.namespace}`, l.result.error);
  }
  for (const l of namespaceLists) {
    if ('error' in l.result) continue;
    for (const o of l.result) {
      if (!expectedKeys.has(keyOf(o)) && unowned(o)) unmanaged.push({ key: keyOf(o), reason: 'not-in-git' });
    }
  }
  // This target's objects that it no longer records (an apply interrupted before it recorded, or a prune
  // that did not finish): still meshcd's, no longer Git's.
  for (const [key, o] of live) {
    if (!expectedKeys.has(key) && isOwnedBy(o, input.targetId))
      unmanaged.push({ key, reason: 'removed-from-git' });
  }

  const observed = await Promise.all(
    expected.map(async ({ key, ref }): Promise<ObservedKubeObject> => {
      const failed =
        failures.get(`${ref.apiVersion} ${ref.kind}`) ??
        failures.get(`${ref.apiVersion} ${ref.kind} ${ref.namespace ?? ''}`);
      if (failed) return { key, error: failed, reason: 'list-failed' };
      const found = live.get(key);
      if (found) return { key, object: found };
      try {
        const object = await limit(() => cluster.get(ref));
        return object ? { key, object } : { key };
      } catch (error) {
        return { key, error: message(error), reason: 'describe-failed' };
      }
    }),
  );

  // Injections: recomputed from the recorded members for every workload the injector has configured.
  const workloads: ClusterWorkload[] = [];
  const liveWorkloads = new Map<string, KubeLiveObject>();
  for (const l of workloadLists) {
    if ('error' in l.result) continue;
    for (const o of l.result.filter(injected)) {
      const w = liveWorkload(o);
      if (!w) continue;
      workloads.push(w);
      liveWorkloads.set(w.key, o);
    }
  }
  const { injections: planned } = planInjections(members, workloads, labels, input.injector);
  const injections: KubeInjectionCheck[] = [];
  for (const w of workloads) {
    // A configured workload no member selects any more is a plan's to take back, not drift of an injection.
    const p = planned.get(w.key);
    if (!p) continue;
    injections.push({
      workloadKey: w.key,
      expected: injectionBody(w, p.injection),
      live: liveWorkloads.get(w.key)!,
    });
  }
  return { observed, unmanaged, injections };
}
