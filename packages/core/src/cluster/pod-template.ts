/** A container as the injector reads and writes it; everything it does not touch passes through. */
export type Container = Record<string, unknown> & { name: string };

export type EnvVar =
  | { name: string; value: string }
  | { name: string; valueFrom: { fieldRef: { fieldPath: string } } };

/** The pod template of a workload, loosely typed: the injector reads a few fields and keeps the rest. */
export interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown> & {
    containers?: Container[];
    initContainers?: Container[];
    volumes?: Array<Record<string, unknown> & { name: string }>;
    securityContext?: Record<string, unknown>;
  };
}

/** Kinds whose pod template gets the sidecar. */
export const workloadKinds = ['Deployment', 'StatefulSet', 'DaemonSet'] as const;
export type WorkloadKind = (typeof workloadKinds)[number];

export const isWorkloadKind = (kind: string): kind is WorkloadKind =>
  (workloadKinds as readonly string[]).includes(kind);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The pod template of a Deployment, StatefulSet or DaemonSet object, `{}` when it has none. */
export function podTemplateOf(object: Record<string, unknown>): PodTemplate {
  const spec = isRecord(object.spec) ? object.spec : {};
  return isRecord(spec.template) ? (spec.template as PodTemplate) : {};
}

/** `appmesh.k8s.aws/<name>` from the pod template's annotations. */
export const podAnnotation = (template: PodTemplate, name: string): string | undefined =>
  template.metadata?.annotations?.[`appmesh.k8s.aws/${name}`];
