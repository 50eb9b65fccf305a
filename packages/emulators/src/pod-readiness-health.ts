import { isPodReady } from './kube/controllers/pod-status.ts';
import type { KubeEmulatorHandle } from './kube/kube-emulator-options.ts';
import type { KubeObject } from './kube/kube-object.ts';
import type { HealthSource } from './lattice/service-config.ts';

const podIPs = (pod: KubeObject): string[] => {
  const status = (pod.status ?? {}) as { podIP?: string; podIPs?: { ip?: string }[] };
  return [status.podIP, ...(status.podIPs ?? []).map((p) => p.ip)].filter((ip): ip is string => !!ip);
};

/**
 * Lattice target health from the Kubernetes emulator in the same local world: a target whose id is a pod's
 * IP is HEALTHY while that pod is Ready and UNHEALTHY while it is not (the `local.meshcd.io/ready` knob);
 * targets that are no pod's IP are left to the Lattice knobs. The pod index is rebuilt after a cluster change.
 */
export function podReadinessHealth(kube: Pick<KubeEmulatorHandle, 'snapshot' | 'onChange'>): {
  health: HealthSource;
  stop: () => void;
} {
  let index: Map<string, boolean> | undefined;
  const stop = kube.onChange(() => {
    index = undefined;
  });
  const build = () => {
    const byIP = new Map<string, boolean>();
    for (const pod of kube.snapshot().objects) {
      if (pod.kind !== 'Pod' || pod.apiVersion !== 'v1') continue;
      for (const ip of podIPs(pod)) byIP.set(ip, isPodReady(pod));
    }
    return byIP;
  };
  return {
    health: (target) => {
      index ??= build();
      const ready = index.get(target.id);
      return ready === undefined ? undefined : ready ? 'HEALTHY' : 'UNHEALTHY';
    },
    stop,
  };
}
