import * as z from 'zod';
import type { ClusterObjectChangedTrigger } from '../trigger-event.ts';

const involvedObject = z.looseObject({
  kind: z.string(),
  namespace: z.string().optional(),
  name: z.string(),
  apiVersion: z.string().optional(),
  uid: z.string().optional(),
  resourceVersion: z.string().optional(),
});

/**
 * kubernetes-event-exporter's EventBridge sink sends the whole Kubernetes Event as detail when no
 * `details` layout is configured (involvedObject, reason, message, type …, plus clusterName)…
 */
const fullEventSchema = z.looseObject({
  involvedObject,
  reason: z.string().optional(),
  message: z.string().optional(),
  type: z.string().optional(),
  clusterName: z.string().optional(),
});

/** …or a flat templated layout; meshcd documents `kind, namespace, name, apiVersion, reason, message`. */
const layoutSchema = z.looseObject({
  kind: z.string(),
  namespace: z.string().optional(),
  name: z.string(),
  apiVersion: z.string().optional(),
  uid: z.string().optional(),
  reason: z.string().optional(),
  message: z.string().optional(),
  cluster: z.string().optional(),
});

export const kubernetesEventExporterSchema = z.union([fullEventSchema, layoutSchema]);

/** `apps/v1` → `apps`; `v1` → '' (the core group). */
export const groupOf = (apiVersion: string | undefined): string =>
  apiVersion?.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';

interface InvolvedObject {
  kind: string;
  namespace?: string | undefined;
  name: string;
  apiVersion?: string | undefined;
  uid?: string | undefined;
  resourceVersion?: string | undefined;
}

export function normalizeKubernetesEvent(
  detail: z.infer<typeof kubernetesEventExporterSchema>,
  envelope: { id: string; source: string },
): ClusterObjectChangedTrigger {
  const full = fullEventSchema.safeParse(detail);
  const object: InvolvedObject = full.success ? full.data.involvedObject : layoutSchema.parse(detail);
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  const cluster =
    text(detail.clusterName) ??
    text(detail.cluster) ??
    // meshcd's convention: the sink's source is `kubernetes.<cluster>`.
    (envelope.source.startsWith('kubernetes.') ? envelope.source.slice('kubernetes.'.length) : undefined);
  const reason = text(detail.reason);
  const message = text(detail.message);
  return {
    type: 'cluster-object-changed',
    ...(cluster ? { cluster } : {}),
    change: 'event',
    namespace: object.namespace ?? '',
    group: groupOf(object.apiVersion),
    kind: object.kind,
    name: object.name,
    ...(object.uid ? { uid: object.uid } : {}),
    ...(object.resourceVersion ? { resourceVersion: object.resourceVersion } : {}),
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
    eventId: envelope.id,
  };
}
