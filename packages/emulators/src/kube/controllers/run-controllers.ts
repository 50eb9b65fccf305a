import type { KubeObject } from '../kube-object.ts';
import type { KubeStore } from '../kube-store.ts';
import { ControllerWriter } from './controller-writer.ts';
import { reconcileDaemonSet } from './daemon-set-controller.ts';
import { reconcileDeploymentReplicaSets, reconcileDeploymentStatus } from './deployment-controller.ts';
import { collectGarbage } from './garbage-collector.ts';
import { reconcileNamespaces } from './namespace-controller.ts';
import { runningPodStatus } from './pod-status.ts';
import { reconcileReplicaSet } from './replica-set-controller.ts';
import { reconcileStatefulSet } from './stateful-set-controller.ts';

/** Enough passes for Deployment → ReplicaSet → Pod → status to settle; each pass is idempotent. */
const maxPasses = 8;

/**
 * The built-in controllers of the emulated cluster, run after every write until a pass changes
 * nothing: garbage collection, namespace termination, Deployments → ReplicaSets → Pods, StatefulSets and DaemonSets → Pods,
 * and the kubelet's view of each Pod (Running, an IP, Ready unless the readiness knob says otherwise).
 * Synchronous on purpose: a client that reads right after its write sees a settled cluster, and tests
 * need no waiting. Returns how many writes the controllers made.
 */
export function runControllers(store: KubeStore, timestamp: () => string): number {
  return store.batch(() => settle(store, timestamp));
}

function settle(store: KubeStore, timestamp: () => string): number {
  const writer = new ControllerWriter(store, timestamp);
  for (let pass = 0; pass < maxPasses; pass++) {
    const before = writer.writes;
    collectGarbage(store.snapshot().objects, writer);
    reconcileNamespaces(store.snapshot().objects, writer);
    // Each phase reads the kinds it needs once: a controller only reads its own dependents, which no
    // other controller of the same phase writes.
    const list = (apiVersion: string, kind: string) => store.list(apiVersion, kind);
    let replicaSets = list('apps/v1', 'ReplicaSet');
    for (const deployment of list('apps/v1', 'Deployment'))
      reconcileDeploymentReplicaSets(deployment, replicaSets, writer);
    const pods = list('v1', 'Pod');
    for (const rs of list('apps/v1', 'ReplicaSet')) reconcileReplicaSet(rs, pods, writer);
    for (const sts of list('apps/v1', 'StatefulSet')) reconcileStatefulSet(sts, pods, writer);
    for (const ds of list('apps/v1', 'DaemonSet')) reconcileDaemonSet(ds, pods, writer);
    runKubelet(list('v1', 'Pod'), writer);
    replicaSets = list('apps/v1', 'ReplicaSet');
    for (const deployment of list('apps/v1', 'Deployment'))
      reconcileDeploymentStatus(deployment, replicaSets, writer);
    if (writer.writes === before) break;
  }
  return writer.writes;
}

/** Every pod runs at once, with an IP of the pod network (10.244.0.0/16) that no other pod has. */
function runKubelet(pods: KubeObject[], writer: ControllerWriter): void {
  const ipOf = (pod: KubeObject) => (pod.status as { podIP?: string } | undefined)?.podIP;
  const used = new Set(pods.map(ipOf).filter((ip) => ip !== undefined));
  let next = 2;
  const allocate = (): string => {
    for (; ; next++) {
      const ip = `10.244.${Math.floor(next / 256)}.${next % 256}`;
      if (!used.has(ip) && next % 256 !== 0 && next % 256 !== 255) {
        used.add(ip);
        return ip;
      }
    }
  };
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp !== undefined) continue;
    const ip = ipOf(pod) ?? allocate();
    writer.modify(pod, (copy) => {
      copy.status = runningPodStatus(pod, ip, writer.now());
    });
  }
}
