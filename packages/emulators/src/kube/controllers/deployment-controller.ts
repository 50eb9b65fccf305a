import { isObject } from '../field-path.ts';
import { clone } from '../json-value.ts';
import type { KubeObject } from '../kube-object.ts';
import { type ControllerWriter, controllerRef, ownedBy } from './controller-writer.ts';
import { templateHash, templateOf } from './pod-template.ts';
import { replicasOf, withoutZeros } from './replica-set-controller.ts';

const revisionAnnotation = 'deployment.kubernetes.io/revision';

const revisionOf = (o: KubeObject): number => Number(o.metadata.annotations?.[revisionAnnotation] ?? 0);

/**
 * One ReplicaSet per pod template, named `<deployment>-<pod-template-hash>`: the current template's
 * gets all the replicas, older ones are scaled to zero at once (a rollout without surge, which is all a
 * local cluster needs), and each gets the next revision number when it becomes current again.
 */
export function reconcileDeploymentReplicaSets(
  deployment: KubeObject,
  replicaSets: KubeObject[],
  writer: ControllerWriter,
): void {
  const template = templateOf(deployment);
  const hash = templateHash(template);
  const own = ownedBy(deployment, replicaSets);
  const current = own.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
  const replicas = replicasOf(deployment);
  const latest = Math.max(0, ...own.map(revisionOf));
  const revision = current && revisionOf(current) === latest ? latest : latest + 1;
  const annotations = {
    [revisionAnnotation]: String(revision),
    'deployment.kubernetes.io/desired-replicas': String(replicas),
    'deployment.kubernetes.io/max-replicas': String(replicas + 1),
  };
  for (const old of own.filter((rs) => rs !== current)) {
    writer.modify(old, (copy) => {
      (copy.spec as Record<string, unknown>).replicas = 0;
    });
  }
  if (current) {
    writer.modify(current, (copy) => {
      (copy.spec as Record<string, unknown>).replicas = replicas;
      copy.metadata.annotations = { ...copy.metadata.annotations, ...annotations };
    });
  } else {
    const spec = isObject(deployment.spec) ? deployment.spec : {};
    const selector = clone(isObject(spec.selector) ? spec.selector : {});
    selector.matchLabels = {
      ...((selector.matchLabels as object | undefined) ?? {}),
      'pod-template-hash': hash,
    };
    const rsTemplate = clone(template);
    const metadata = rsTemplate.metadata ?? {};
    rsTemplate.metadata = metadata;
    metadata.labels = { ...((metadata.labels as object | undefined) ?? {}), 'pod-template-hash': hash };
    writer.create({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${deployment.metadata.name}-${hash}`,
        namespace: deployment.metadata.namespace,
        labels: { ...((template.metadata?.labels as object | undefined) ?? {}), 'pod-template-hash': hash },
        annotations,
        ownerReferences: [controllerRef(deployment)],
      },
      spec: { replicas, selector, template: rsTemplate },
    });
  }
  writer.modify(deployment, (copy) => {
    copy.metadata.annotations = { ...copy.metadata.annotations, [revisionAnnotation]: String(revision) };
  });
}

interface RsStatus {
  replicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
}

/** Status and conditions as the deployment controller reports them, from its ReplicaSets' status. */
export function reconcileDeploymentStatus(
  deployment: KubeObject,
  replicaSets: KubeObject[],
  writer: ControllerWriter,
): void {
  const hash = templateHash(templateOf(deployment));
  const own = ownedBy(deployment, replicaSets);
  const status = (rs: KubeObject | undefined): RsStatus => (rs?.status ?? {}) as RsStatus;
  const sum = (field: keyof RsStatus) => own.reduce((n, rs) => n + (status(rs)[field] ?? 0), 0);
  const current = own.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
  const wanted = replicasOf(deployment);
  const available = sum('availableReplicas');
  const updated = status(current).replicas ?? 0;
  const done = updated === wanted && sum('replicas') === wanted && available === wanted;
  const time = writer.now();
  const previous = (
    isObject(deployment.status) && Array.isArray(deployment.status.conditions)
      ? deployment.status.conditions
      : []
  ) as Array<Record<string, unknown>>;
  const condition = (type: string, ok: boolean, reason: string, message: string) => {
    const before = previous.find((c) => c.type === type);
    const same = before?.status === (ok ? 'True' : 'False') && before.reason === reason;
    return {
      type,
      status: ok ? 'True' : 'False',
      lastUpdateTime: same ? before.lastUpdateTime : time,
      lastTransitionTime: before?.status === (ok ? 'True' : 'False') ? before.lastTransitionTime : time,
      reason,
      message,
    };
  };
  const rsName = current?.metadata.name ?? '';
  writer.modify(deployment, (copy) => {
    copy.status = {
      ...withoutZeros({
        observedGeneration: deployment.metadata.generation ?? 1,
        replicas: sum('replicas'),
        updatedReplicas: updated,
        readyReplicas: sum('readyReplicas'),
        availableReplicas: available,
        unavailableReplicas: Math.max(0, wanted - available),
      }),
      conditions: [
        available >= wanted
          ? condition('Available', true, 'MinimumReplicasAvailable', 'Deployment has minimum availability.')
          : condition(
              'Available',
              false,
              'MinimumReplicasUnavailable',
              'Deployment does not have minimum availability.',
            ),
        done
          ? condition(
              'Progressing',
              true,
              'NewReplicaSetAvailable',
              `ReplicaSet "${rsName}" has successfully progressed.`,
            )
          : condition('Progressing', true, 'ReplicaSetUpdated', `ReplicaSet "${rsName}" is progressing.`),
      ],
    };
  });
}
