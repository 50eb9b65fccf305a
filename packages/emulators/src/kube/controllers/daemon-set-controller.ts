import type { KubeObject } from '../kube-object.ts';
import { type ControllerWriter, ownedBy } from './controller-writer.ts';
import { isPodReady } from './pod-status.ts';
import { podFromTemplate, randomSuffix, templateHash, templateOf } from './pod-template.ts';
import { withoutZeros } from './replica-set-controller.ts';

/** One pod on the cluster's one node, replaced when the template changes. */
export function reconcileDaemonSet(ds: KubeObject, pods: KubeObject[], writer: ControllerWriter): void {
  const hash = templateHash(templateOf(ds));
  const generation = String(ds.metadata.generation ?? 1);
  const own = ownedBy(ds, pods);
  const current = own.filter((p) => p.metadata.labels?.['controller-revision-hash'] === hash);
  for (const pod of own.filter((p) => !current.includes(p) || p !== current[0])) writer.delete(pod);
  const pod =
    current[0] ??
    writer.create(
      podFromTemplate(
        ds,
        templateOf(ds),
        `${ds.metadata.name}-${randomSuffix()}`,
        { 'controller-revision-hash': hash, 'pod-template-generation': generation },
        `${ds.metadata.name}-`,
      ),
    );
  const ready = isPodReady(pod) ? 1 : 0;
  writer.modify(ds, (copy) => {
    copy.status = {
      currentNumberScheduled: 1,
      desiredNumberScheduled: 1,
      numberMisscheduled: 0,
      numberReady: ready,
      ...withoutZeros({
        observedGeneration: ds.metadata.generation ?? 1,
        updatedNumberScheduled: 1,
        numberAvailable: ready,
        numberUnavailable: 1 - ready,
      }),
    };
  });
}
