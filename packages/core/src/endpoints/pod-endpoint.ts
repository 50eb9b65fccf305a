import type { KubeLiveObject } from '../ports/cluster-api.ts';

/** A pod as an endpoint of a virtual node: what registration (Cloud Map instances, Lattice targets) needs. */
export interface PodEndpoint {
  namespace: string;
  podName: string;
  ip: string;
  labels: Record<string, string>;
  nodeName?: string;
  /** The pod's ContainersReady condition is True. */
  ready: boolean;
  /** The pod's conditions by type, e.g. the Cloud Map readiness gate's. */
  conditions: Record<string, string>;
}

interface PodShape {
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; deletionTimestamp?: string };
  spec?: { restartPolicy?: string; nodeName?: string };
  status?: { podIP?: string; phase?: string; conditions?: Array<{ type: string; status: string }> };
}

/**
 * Whether a pod that is not ready should still be an endpoint (the controller's and the endpoints
 * controller's rule): a pod that can restart stays one; a finished one does not.
 */
function mayBecomeReady(pod: PodShape): boolean {
  const phase = pod.status?.phase;
  switch (pod.spec?.restartPolicy) {
    case 'Never':
      return phase !== 'Failed' && phase !== 'Succeeded';
    case 'OnFailure':
      return phase !== 'Succeeded';
    default:
      return true;
  }
}

/**
 * The endpoint a pod is, or undefined when it is none: terminating pods (a deletionTimestamp) and pods
 * without an IP are skipped. Readiness is ContainersReady, not Ready: Ready waits for the Cloud Map
 * readiness gate, which waits for registration, so using it would never register anything.
 */
export function podEndpoint(live: KubeLiveObject): PodEndpoint | undefined {
  const pod = live as unknown as PodShape;
  const ip = pod.status?.podIP;
  if (pod.metadata.deletionTimestamp || !ip) return undefined;
  const conditions = Object.fromEntries((pod.status?.conditions ?? []).map((c) => [c.type, c.status]));
  const ready = conditions.ContainersReady === 'True';
  if (!ready && !mayBecomeReady(pod)) return undefined;
  return {
    namespace: pod.metadata.namespace ?? '',
    podName: pod.metadata.name,
    ip,
    labels: { ...(pod.metadata.labels ?? {}) },
    nodeName: pod.spec?.nodeName || undefined,
    ready,
    conditions,
  };
}
