import { isObject } from '../field-path.ts';
import type { KubeObject } from '../kube-object.ts';
import type { ControllerWriter } from './controller-writer.ts';
import { ownedBy } from './controller-writer.ts';
import { isPodReady } from './pod-status.ts';
import { podFromTemplate, randomSuffix, templateOf } from './pod-template.ts';

export const replicasOf = (workload: KubeObject): number => {
  const spec = isObject(workload.spec) ? workload.spec : {};
  return typeof spec.replicas === 'number' ? spec.replicas : 1;
};

/** Keeps `spec.replicas` pods of a ReplicaSet's template running and reports them in its status. */
export function reconcileReplicaSet(rs: KubeObject, pods: KubeObject[], writer: ControllerWriter): void {
  const own = ownedBy(rs, pods).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  const wanted = replicasOf(rs);
  for (const extra of own.slice(wanted)) writer.delete(extra);
  const kept = own.slice(0, wanted);
  for (let i = kept.length; i < wanted; i++) {
    const name = `${rs.metadata.name}-${randomSuffix()}`;
    const hash = rs.metadata.labels?.['pod-template-hash'];
    const pod = podFromTemplate(
      rs,
      templateOf(rs),
      name,
      hash ? { 'pod-template-hash': hash } : {},
      `${rs.metadata.name}-`,
    );
    kept.push(writer.create(pod));
  }
  const ready = kept.filter(isPodReady).length;
  writer.modify(rs, (copy) => {
    copy.status = withoutZeros({
      replicas: kept.length,
      fullyLabeledReplicas: kept.length,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: rs.metadata.generation ?? 1,
    });
    (copy.status as Record<string, unknown>).replicas = kept.length;
  });
}

/** Status fields of the apps controllers are omitempty: a zero count is absent, as on the real server. */
export const withoutZeros = (status: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(status).filter(([, v]) => v !== 0 && v !== undefined));
