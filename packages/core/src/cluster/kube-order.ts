/**
 * Apply order of cluster objects: what others refer to first (Namespaces before anything in them,
 * definitions and identities before their users, Services before the workloads behind them).
 * Deletion runs the same order backwards.
 */
const order: Record<string, number> = {
  Namespace: 0,
  CustomResourceDefinition: 1,
  ClusterRole: 1,
  ClusterRoleBinding: 1,
  StorageClass: 1,
  PriorityClass: 1,
  ServiceAccount: 2,
  Secret: 2,
  ConfigMap: 2,
  Role: 2,
  RoleBinding: 2,
  PersistentVolumeClaim: 2,
  ResourceQuota: 2,
  LimitRange: 2,
  NetworkPolicy: 2,
  Service: 3,
};
const lastObjectWave = 4;

/** The wave an object is applied in. */
export const applyWave = (kind: string): number => order[kind] ?? lastObjectWave;
/** Injections go on workloads that exist, so after every object wave. */
export const injectionWave = lastObjectWave + 1;
/** Deletes after every apply, in reverse order: workloads first, Namespaces last. */
export const deleteWave = (kind: string): number => injectionWave + 1 + (lastObjectWave - applyWave(kind));
