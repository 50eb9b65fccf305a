import type { KubeStore } from './kube-store.ts';

/** The first service IP no stored Service holds. */
export function freeClusterIp(store: KubeStore): string {
  const used = new Set(store.list('v1', 'Service').map((s) => (s.spec as { clusterIP?: string })?.clusterIP));
  // 10.96.0.0/12 is kubeadm's default service range; .1 is the kubernetes Service.
  for (let n = 10; ; n++) {
    const ip = `10.96.${Math.floor(n / 256)}.${n % 256}`;
    if (!used.has(ip)) return ip;
  }
}
