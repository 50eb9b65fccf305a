import type { ClusterApi, Target } from '@meshcd/core';
import type { ClusterObjectChangedTrigger } from '@meshcd/events';

export type ClusterEventOutcome = 'checked' | 'ignored' | 'no-cluster';

/** Kinds whose pod template can need the Envoy sidecar; other objects need no targeted check. */
const workloadKinds = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

/**
 * A cluster event about a workload becomes a targeted check of that workload alone. Only clusters a
 * target names are checked: an event from an unknown cluster is not meshcd's business.
 */
export async function handleClusterEvent(
  event: ClusterObjectChangedTrigger,
  targets: readonly Target[],
  checkerFor: (target: Target) => Promise<Pick<ClusterApi, 'checkWorkload'> | undefined>,
): Promise<ClusterEventOutcome> {
  if (!workloadKinds.has(event.kind) || event.change === 'deleted') return 'ignored';
  const target = targets.find(
    (t) => t.cluster && (event.cluster === undefined || t.cluster.name === event.cluster),
  );
  const cluster = target ? await checkerFor(target) : undefined;
  if (!cluster) return 'no-cluster';
  await cluster.checkWorkload({
    ...(event.cluster ? { cluster: event.cluster } : {}),
    namespace: event.namespace,
    group: event.group,
    kind: event.kind,
    name: event.name,
  });
  return 'checked';
}
