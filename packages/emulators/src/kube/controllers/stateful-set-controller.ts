import { isObject } from '../field-path.ts';
import type { KubeObject } from '../kube-object.ts';
import { type ControllerWriter, ownedBy } from './controller-writer.ts';
import { isPodReady } from './pod-status.ts';
import { podFromTemplate, templateHash, templateOf } from './pod-template.ts';
import { replicasOf, withoutZeros } from './replica-set-controller.ts';

/**
 * Pods `<name>-0 … <name>-(n-1)` with stable names; a pod of an older template revision is replaced
 * by one of the current revision (all at once: a local cluster has nothing to wait for).
 */
export function reconcileStatefulSet(sts: KubeObject, pods: KubeObject[], writer: ControllerWriter): void {
  const name = sts.metadata.name;
  const revision = `${name}-${templateHash(templateOf(sts))}`;
  const spec = isObject(sts.spec) ? sts.spec : {};
  const wanted = replicasOf(sts);
  const own = ownedBy(sts, pods);
  const kept: KubeObject[] = [];
  for (const pod of own) {
    const index = Number(pod.metadata.name.slice(name.length + 1));
    const current = pod.metadata.labels?.['controller-revision-hash'] === revision;
    if (index < wanted && current) kept.push(pod);
    else writer.delete(pod);
  }
  for (let index = 0; index < wanted; index++) {
    const podName = `${name}-${index}`;
    if (kept.some((p) => p.metadata.name === podName)) continue;
    const pod = podFromTemplate(sts, templateOf(sts), podName, {
      'controller-revision-hash': revision,
      'statefulset.kubernetes.io/pod-name': podName,
      'apps.kubernetes.io/pod-index': String(index),
    });
    const podSpec = pod.spec as Record<string, unknown>;
    podSpec.hostname = podName;
    if (typeof spec.serviceName === 'string' && spec.serviceName !== '') podSpec.subdomain = spec.serviceName;
    kept.push(writer.create(pod));
  }
  const ready = kept.filter(isPodReady).length;
  writer.modify(sts, (copy) => {
    copy.status = {
      ...withoutZeros({
        observedGeneration: sts.metadata.generation ?? 1,
        readyReplicas: ready,
        currentReplicas: kept.length,
        updatedReplicas: kept.length,
        availableReplicas: ready,
      }),
      replicas: kept.length,
      currentRevision: revision,
      updateRevision: revision,
      collisionCount: 0,
    };
  });
}
