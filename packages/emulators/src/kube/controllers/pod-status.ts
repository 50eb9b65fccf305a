import { createHash } from 'node:crypto';
import { isObject } from '../field-path.ts';
import type { KubeObject } from '../kube-object.ts';

/**
 * The readiness knob of the emulated cluster: a pod (or a pod template) annotated
 * `local.meshcd.io/ready: "false"` runs but never becomes Ready, as if its readiness probe failed;
 * removing the annotation (or setting "true") makes it Ready again. `kubectl annotate pod` works.
 */
export const readinessAnnotation = 'local.meshcd.io/ready';

/** The one node of the emulated cluster; every pod is scheduled on it. */
export const nodeName = 'local-node';
export const nodeIP = '172.18.0.2';

interface Condition {
  type: string;
  status: 'True' | 'False';
  lastTransitionTime?: string | null;
  lastProbeTime?: string | null;
  reason?: string;
  message?: string;
}

const containersOf = (spec: Record<string, unknown>, list: string): Record<string, unknown>[] =>
  Array.isArray(spec[list]) ? (spec[list] as unknown[]).filter(isObject) : [];

/**
 * What the kubelet reports for a running pod: phase, conditions, IPs and one status per container,
 * Ready unless the readiness knob says otherwise or a readiness gate's condition is not True (gates
 * are set by others, e.g. the Cloud Map controller, and kept as they are).
 */
export function runningPodStatus(pod: KubeObject, podIP: string, time: string): Record<string, unknown> {
  const spec = isObject(pod.spec) ? pod.spec : {};
  const previous = isObject(pod.status) ? pod.status : {};
  const previousConditions = (Array.isArray(previous.conditions) ? previous.conditions : []) as Condition[];
  const gates = (Array.isArray(spec.readinessGates) ? spec.readinessGates : [])
    .filter(isObject)
    .map((g) => String(g.conditionType));
  const containersReady = pod.metadata.annotations?.[readinessAnnotation] !== 'false';
  const gatesPass = gates.every((gate) =>
    previousConditions.some((c) => c.type === gate && c.status === 'True'),
  );
  const ready = containersReady && gatesPass;
  const since = (type: string, status: 'True' | 'False'): string => {
    const before = previousConditions.find((c) => c.type === type);
    return before?.status === status && before.lastTransitionTime ? before.lastTransitionTime : time;
  };
  const condition = (type: string, status: boolean, reason?: string): Condition => ({
    type,
    status: status ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: since(type, status ? 'True' : 'False'),
    ...(status || !reason ? {} : { reason }),
  });
  const kubeletTypes = [
    'PodReadyToStartContainers',
    'Initialized',
    'Ready',
    'ContainersReady',
    'PodScheduled',
  ];
  const startedAt = typeof previous.startTime === 'string' ? previous.startTime : time;
  const containerStatus = (container: Record<string, unknown>, init: boolean) => ({
    name: container.name,
    image: container.image,
    imageID: `${String(container.image)}@sha256:${digest(String(container.image))}`,
    containerID: `containerd://${digest(`${pod.metadata.uid}/${String(container.name)}`)}`,
    ready: init ? false : containersReady,
    started: !init,
    restartCount: 0,
    state: init
      ? { terminated: { exitCode: 0, reason: 'Completed', startedAt, finishedAt: startedAt } }
      : { running: { startedAt } },
  });
  const initContainers = containersOf(spec, 'initContainers');
  return {
    phase: 'Running',
    conditions: [
      condition('PodReadyToStartContainers', true),
      condition('Initialized', true),
      condition('Ready', ready, containersReady ? 'ReadinessGatesNotReady' : 'ContainersNotReady'),
      condition('ContainersReady', containersReady, 'ContainersNotReady'),
      condition('PodScheduled', true),
      // Conditions of readiness gates belong to whoever sets them.
      ...previousConditions.filter((c) => !kubeletTypes.includes(c.type)),
    ],
    hostIP: nodeIP,
    hostIPs: [{ ip: nodeIP }],
    podIP,
    podIPs: [{ ip: podIP }],
    startTime: startedAt,
    qosClass: 'BestEffort',
    ...(initContainers.length > 0
      ? { initContainerStatuses: initContainers.map((c) => containerStatus(c, true)) }
      : {}),
    containerStatuses: containersOf(spec, 'containers').map((c) => containerStatus(c, false)),
  };
}

export const isPodReady = (pod: KubeObject): boolean =>
  isObject(pod.status) &&
  Array.isArray(pod.status.conditions) &&
  (pod.status.conditions as Condition[]).some((c) => c.type === 'Ready' && c.status === 'True');

const digest = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 64);
