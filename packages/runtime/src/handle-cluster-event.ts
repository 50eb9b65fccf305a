import { type EndpointSyncOutcome, MeshcdError, type Target, type WorkloadChecker } from '@meshcd/core';
import type { ClusterObjectChangedTrigger } from '@meshcd/events';

export type ClusterEventOutcome = 'checked' | 'endpoints-synced' | 'ignored' | 'no-cluster';

/** Kinds whose pod template can need the Envoy sidecar; other objects need no targeted check. */
const workloadKinds = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

export interface ClusterEventDeps {
  checkerFor(target: Target): Promise<WorkloadChecker | undefined>;
  /** Brings the endpoints of the nodes a pod concerns up to date (Cloud Map instances); absent: pods are ignored. */
  syncPod?(
    target: Target,
    pod: { namespace: string; name: string },
  ): Promise<EndpointSyncOutcome[] | undefined>;
}

export interface ClusterEventResult {
  outcome: ClusterEventOutcome;
  /** What a pod event did to each node's endpoints. */
  endpoints?: EndpointSyncOutcome[];
}

/**
 * A cluster event becomes the targeted work it asks for: a workload's sidecar check, or a pod's endpoint
 * registration (only the services of the nodes that pod concerns). Only clusters a target names are
 * handled: an event from an unknown cluster is not meshcd's business. A transient endpoint failure is
 * thrown so the platform retries the event; retrying converges, since the sync reads the live pods.
 */
export async function handleClusterEvent(
  event: ClusterObjectChangedTrigger,
  targets: readonly Target[],
  deps: ClusterEventDeps,
): Promise<ClusterEventResult> {
  const pod = event.kind === 'Pod' && event.group === '';
  if (!pod && (!workloadKinds.has(event.kind) || event.change === 'deleted')) return { outcome: 'ignored' };
  if (pod && !deps.syncPod) return { outcome: 'ignored' };
  const onCluster = targets.filter(
    (t) => t.cluster && (event.cluster === undefined || t.cluster.name === event.cluster),
  );
  if (onCluster.length === 0) return { outcome: 'no-cluster' };
  if (pod) {
    // Every target on the cluster: one cluster can hold an App Mesh target and a Lattice one (a migration).
    const synced = await Promise.all(
      onCluster.map((t) => deps.syncPod?.(t, { namespace: event.namespace, name: event.name })),
    );
    if (synced.every((e) => e === undefined)) return { outcome: 'no-cluster' };
    const endpoints = synced.flatMap((e) => e ?? []);
    const transient = endpoints.filter((e) => e.error?.retryable);
    if (transient.length > 0)
      throw new MeshcdError({
        phase: 'endpoints',
        reason: 'transient-failures',
        retryable: true,
        message: `pod ${event.namespace}/${event.name}: ${transient.map((e) => `${e.member}: ${e.error?.message}`).join('; ')}`,
      });
    return { outcome: 'endpoints-synced', endpoints };
  }
  // The sidecar is App Mesh's: a Lattice target's workloads carry none.
  const target = onCluster.find((t) => t.provider !== 'lattice');
  if (!target) return { outcome: 'ignored' };
  const cluster = await deps.checkerFor(target);
  if (!cluster) return { outcome: 'no-cluster' };
  await cluster.checkWorkload({
    cluster: event.cluster || undefined,
    namespace: event.namespace,
    group: event.group,
    kind: event.kind,
    name: event.name,
  });
  return { outcome: 'checked' };
}
