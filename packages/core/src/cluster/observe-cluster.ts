import pLimit from 'p-limit';
import type { DesiredKubeObject, DesiredMeshMember } from '../desired/desired-state.ts';
import { kubeKeyOf } from '../desired/inventory-key.ts';
import type { NamespaceLabels } from '../desired/mesh-membership.ts';
import { MeshcdError } from '../errors/meshcd-error.ts';
import type { ClusterApi, KubeLiveObject } from '../ports/cluster-api.ts';
import { entriesOf, type InventoryEntry } from '../state/inventory-entry.ts';
import { managedByLabel } from './cluster-ownership.ts';
import type { ClusterIssue } from './cluster-workload.ts';
import { workloadKinds } from './pod-template.ts';

interface ClusterObservation {
  /** Live objects by `kube:` key; a key absent from the map was not found. */
  objects: Map<string, KubeLiveObject>;
  /** Every workload of the namespaces injection concerns. */
  workloads: KubeLiveObject[];
  namespaceLabels: NamespaceLabels;
  issues: ClusterIssue[];
  /** Keys of desired objects whose kind the cluster does not serve (an API it removed, a CRD not installed). */
  unserved: Set<string>;
}

const keyOf = (o: KubeLiveObject) => kubeKeyOf(o);
const workloadApiVersion = 'apps/v1';

/** Labels of every namespace in the cluster, fetched once, as a lookup for membership and injection. */
export async function clusterNamespaceLabels(cluster: ClusterApi): Promise<NamespaceLabels> {
  const labels = new Map((await cluster.listNamespaces()).map((n) => [n.name, n.labels]));
  return (namespace) => labels.get(namespace);
}

/**
 * The cluster as the plan needs it: each desired or inventoried object (one GET each), the objects carrying
 * meshcd's label in the kinds meshcd manages (one list per kind, so prune finds what an interrupted apply
 * left unrecorded), and the workloads of every namespace that has or had a VirtualNode or VirtualGateway.
 */
export async function observeCluster(
  cluster: ClusterApi,
  input: {
    desired: readonly DesiredKubeObject[];
    inventory: readonly InventoryEntry[];
    members: readonly DesiredMeshMember[];
    namespaceLabels: NamespaceLabels;
    concurrency?: number;
  },
): Promise<ClusterObservation> {
  const limit = pLimit(input.concurrency ?? 8);
  const refs = new Map<string, { apiVersion: string; kind: string; namespace?: string; name: string }>();
  for (const d of input.desired) {
    const namespace = (d.object.metadata as { namespace?: string }).namespace;
    refs.set(d.key, {
      apiVersion: d.object.apiVersion,
      kind: d.object.kind,
      namespace: namespace || undefined,
      name: d.object.metadata.name,
    });
  }
  for (const e of entriesOf(input.inventory, 'kube')) {
    if (refs.has(e.key)) continue;
    const { apiVersion, kind, namespace, name } = e;
    refs.set(e.key, { apiVersion, kind, namespace: namespace || undefined, name });
  }
  const kinds = new Map([...refs.values()].map((r) => [`${r.apiVersion} ${r.kind}`, r]));
  const namespaces = [...new Set(input.members.map((m) => m.namespace))].sort();

  const unserved = new Set<string>();
  // A kind the cluster does not serve holds nothing: noted, so the plan skips the objects of that kind.
  const servedOr = async <T>(ref: { apiVersion: string; kind: string }, empty: T, call: () => Promise<T>) => {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof MeshcdError && error.reason === 'KindNotServed')) throw error;
      unserved.add(`${ref.apiVersion} ${ref.kind}`);
      return empty;
    }
  };
  const [gets, owned, workloads, controller] = await Promise.all([
    Promise.all(
      [...refs].map(([key, ref]) =>
        limit(async () => [key, await servedOr(ref, undefined, () => cluster.get(ref))] as const),
      ),
    ),
    Promise.all(
      [...kinds.values()].map((r) =>
        limit(() =>
          servedOr(r, [], () =>
            cluster.list({
              apiVersion: r.apiVersion,
              kind: r.kind,
              labelSelector: `${managedByLabel}=meshcd`,
            }),
          ),
        ),
      ),
    ),
    Promise.all(
      namespaces.flatMap((namespace) =>
        workloadKinds.map((kind) =>
          limit(() => cluster.list({ apiVersion: workloadApiVersion, kind, namespace })),
        ),
      ),
    ),
    cluster.detectMeshController(),
  ]);
  const objects = new Map<string, KubeLiveObject>();
  for (const o of owned.flat()) objects.set(keyOf(o), o);
  for (const [key, o] of gets) if (o) objects.set(key, o);
  const issues: ClusterIssue[] = controller
    ? [
        {
          severity: 'warning',
          code: 'appmesh-controller-present',
          key: 'kube:',
          message: `${controller} is running in the cluster: it would write App Mesh too and inject pods itself; meshcd should be App Mesh's only writer, so remove it`,
        },
      ]
    : [];
  const unservedKeys = new Set<string>();
  for (const d of input.desired) {
    if (!unserved.has(`${d.object.apiVersion} ${d.object.kind}`)) continue;
    unservedKeys.add(d.key);
    const { file, line, column } = d.source.location;
    issues.push({
      severity: 'warning',
      code: 'kind-not-served',
      key: d.key,
      message: `${file}:${line}:${column} ${d.object.kind} ${d.object.metadata.name}: the cluster does not serve apiVersion ${d.object.apiVersion} kind ${d.object.kind}, so it is skipped`,
    });
  }
  return {
    objects,
    workloads: workloads.flat(),
    namespaceLabels: input.namespaceLabels,
    issues,
    unserved: unservedKeys,
  };
}
