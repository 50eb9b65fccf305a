import * as z from 'zod';

/**
 * The parts of core Kubernetes objects meshcd reads (labels, selectors, pod templates, ports). Everything else
 * passes through untouched: the API server validates it at apply time, and meshcd should not drift from it.
 */
const stringMap = z.record(z.string(), z.string());
const metadata = z.looseObject({
  name: z.string(),
  namespace: z.string().optional(),
  labels: stringMap.optional(),
  annotations: stringMap.optional(),
});
const selector = z.looseObject({
  matchLabels: stringMap.optional(),
  matchExpressions: z
    .array(z.looseObject({ key: z.string(), operator: z.string(), values: z.array(z.string()).optional() }))
    .optional(),
});
const container = z.looseObject({
  name: z.string(),
  image: z.string().optional(),
  ports: z.array(z.looseObject({ containerPort: z.number().int().min(1).max(65535) })).optional(),
});
const podTemplate = z.looseObject({
  metadata: z.looseObject({ labels: stringMap.optional(), annotations: stringMap.optional() }).optional(),
  spec: z.looseObject({
    containers: z.array(container).min(1),
    initContainers: z.array(container).optional(),
  }),
});
const workloadSpec = z.looseObject({ selector, template: podTemplate });

const kubeObject = (apiVersion: string, kind: string, spec?: z.ZodType) =>
  z.looseObject({
    apiVersion: z.literal(apiVersion),
    kind: z.literal(kind),
    metadata,
    // A spread: zod takes no undefined member in a shape, so a kind without a spec schema leaves the key out.
    ...(spec ? { spec } : {}),
  });

export const namespaceObject = kubeObject('v1', 'Namespace');
export const serviceAccountObject = kubeObject('v1', 'ServiceAccount');
export const serviceObject = kubeObject(
  'v1',
  'Service',
  z
    .looseObject({
      selector: stringMap.optional(),
      ports: z
        .array(z.looseObject({ port: z.number().int().min(1).max(65535), name: z.string().optional() }))
        .optional(),
    })
    .optional(),
);
export const deploymentObject = kubeObject('apps/v1', 'Deployment', workloadSpec);
export const statefulSetObject = kubeObject('apps/v1', 'StatefulSet', workloadSpec);
export const daemonSetObject = kubeObject('apps/v1', 'DaemonSet', workloadSpec);

export type PodTemplate = z.infer<typeof podTemplate>;
