import * as z from 'zod';
import { schemaVersion } from '../event-names.ts';
import type { ClusterObjectChangedTrigger } from '../trigger-event.ts';

/** Detail of meshcd's own `meshcd.cluster` / `Kubernetes Object Changed` event. */
export const kubernetesObjectChangedSchema = z.object({
  schemaVersion: z.literal(schemaVersion),
  cluster: z.string().optional(),
  change: z.enum(['added', 'modified', 'deleted']),
  namespace: z.string(),
  group: z.string(),
  version: z.string().optional(),
  kind: z.string().min(1),
  name: z.string().min(1),
  uid: z.string().optional(),
  resourceVersion: z.string().optional(),
});
export type KubernetesObjectChangedDetail = z.infer<typeof kubernetesObjectChangedSchema>;

export function normalizeKubernetesObjectChanged(
  detail: KubernetesObjectChangedDetail,
  eventId: string,
): ClusterObjectChangedTrigger {
  const { schemaVersion: _v, version: _version, ...rest } = detail;
  return { type: 'cluster-object-changed', ...rest, eventId };
}
