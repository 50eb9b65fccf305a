import { isObject } from './field-path.ts';
import type { KubeObject } from './kube-object.ts';

/**
 * The defaults the real API server fills in for the kinds meshcd writes, so that what a client reads
 * back differs from what it sent the way it does on a real cluster (the reason drift detection must
 * ignore fields the server fills). Mutates and returns the object; never overrides a set value.
 */
export function applyDefaults(
  object: KubeObject,
  live: KubeObject | undefined,
  allocateClusterIP: () => string,
) {
  const spec = isObject(object.spec) ? object.spec : undefined;
  if (object.apiVersion === 'v1' && object.kind === 'Namespace') {
    // The NamespaceDefaultLabelName admission: every namespace is selectable by its own name.
    object.metadata.labels = {
      ...object.metadata.labels,
      'kubernetes.io/metadata.name': object.metadata.name,
    };
  }
  if (object.apiVersion === 'v1' && object.kind === 'Service' && spec)
    defaultService(spec, live, allocateClusterIP);
  if (object.apiVersion === 'apps/v1' && spec) {
    if (object.kind === 'Deployment') defaultDeployment(spec);
    if (object.kind === 'StatefulSet') defaultStatefulSet(spec);
    if (object.kind === 'DaemonSet') defaultDaemonSet(spec);
    if (object.kind === 'ReplicaSet') setIfAbsent(spec, 'replicas', 1);
    const template = isObject(spec.template) ? spec.template : undefined;
    if (template && isObject(template.spec)) defaultPodSpec(template.spec);
  }
  if (object.apiVersion === 'v1' && object.kind === 'Pod' && spec) {
    defaultPodSpec(spec);
    // Filled for pods themselves (by admission), not for templates.
    setIfAbsent(spec, 'serviceAccountName', 'default');
    setIfAbsent(spec, 'enableServiceLinks', true);
    setIfAbsent(spec, 'priority', 0);
    setIfAbsent(spec, 'preemptionPolicy', 'PreemptLowerPriority');
  }
  return object;
}

function defaultService(
  spec: Record<string, unknown>,
  live: KubeObject | undefined,
  allocate: () => string,
): void {
  setIfAbsent(spec, 'type', 'ClusterIP');
  setIfAbsent(spec, 'sessionAffinity', 'None');
  if (spec.type !== 'ExternalName' && spec.clusterIP === undefined) {
    const liveSpec = isObject(live?.spec) ? live.spec : {};
    spec.clusterIP = typeof liveSpec.clusterIP === 'string' ? liveSpec.clusterIP : allocate();
  }
  if (typeof spec.clusterIP === 'string' && spec.clusterIPs === undefined) spec.clusterIPs = [spec.clusterIP];
  for (const port of Array.isArray(spec.ports) ? spec.ports.filter(isObject) : []) {
    setIfAbsent(port, 'protocol', 'TCP');
    setIfAbsent(port, 'targetPort', port.port);
  }
}

function defaultDeployment(spec: Record<string, unknown>): void {
  setIfAbsent(spec, 'replicas', 1);
  setIfAbsent(spec, 'revisionHistoryLimit', 10);
  setIfAbsent(spec, 'progressDeadlineSeconds', 600);
  setIfAbsent(spec, 'strategy', {
    type: 'RollingUpdate',
    rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
  });
}

function defaultStatefulSet(spec: Record<string, unknown>): void {
  setIfAbsent(spec, 'replicas', 1);
  setIfAbsent(spec, 'podManagementPolicy', 'OrderedReady');
  setIfAbsent(spec, 'updateStrategy', { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
  setIfAbsent(spec, 'revisionHistoryLimit', 10);
  setIfAbsent(spec, 'persistentVolumeClaimRetentionPolicy', { whenDeleted: 'Retain', whenScaled: 'Retain' });
}

function defaultDaemonSet(spec: Record<string, unknown>): void {
  setIfAbsent(spec, 'updateStrategy', {
    type: 'RollingUpdate',
    rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
  });
  setIfAbsent(spec, 'revisionHistoryLimit', 10);
}

function defaultPodSpec(spec: Record<string, unknown>): void {
  setIfAbsent(spec, 'restartPolicy', 'Always');
  setIfAbsent(spec, 'schedulerName', 'default-scheduler');
  setIfAbsent(spec, 'securityContext', {});
  setIfAbsent(spec, 'dnsPolicy', 'ClusterFirst');
  setIfAbsent(spec, 'terminationGracePeriodSeconds', 30);
  for (const list of ['containers', 'initContainers']) {
    const containers = Array.isArray(spec[list]) ? (spec[list] as unknown[]).filter(isObject) : [];
    for (const container of containers) {
      const image = typeof container.image === 'string' ? container.image : '';
      setIfAbsent(
        container,
        'imagePullPolicy',
        image.endsWith(':latest') || !image.includes(':') ? 'Always' : 'IfNotPresent',
      );
      setIfAbsent(container, 'terminationMessagePath', '/dev/termination-log');
      setIfAbsent(container, 'terminationMessagePolicy', 'File');
      for (const port of Array.isArray(container.ports) ? container.ports.filter(isObject) : []) {
        setIfAbsent(port, 'protocol', 'TCP');
      }
    }
  }
}

function setIfAbsent(target: Record<string, unknown>, key: string, value: unknown): void {
  if (target[key] === undefined) target[key] = value;
}
