import type { Target } from '@meshcd/core';

/** The meshcd functions that talk to a target's cluster. */
export type ClusterFunction = 'reconcile' | 'detect-drift' | 'cluster-event';

/** EKS access policies meshcd associates (AWS-managed; their ARN is `arn:<partition>:eks::aws:cluster-access-policy/<name>`). */
export type ClusterAccessPolicyName =
  | 'AmazonEKSClusterAdminPolicy'
  | 'AmazonEKSEditPolicy'
  | 'AmazonEKSViewPolicy';

/** Clusters whose authentication mode allows access entries; CONFIG_MAP alone does not. */
export const requiredAuthenticationModes = ['API', 'API_AND_CONFIG_MAP'] as const;

/**
 * The least EKS access policy a function's role needs on a target's cluster, at cluster scope:
 * - reconcile applies whatever plain objects Git holds, Namespaces and other cluster-scoped kinds
 *   included, and prunes them: only the cluster admin policy writes cluster-scoped objects (edit and
 *   admin stop at namespaced ones). What it writes is bounded by the manifest set and the ownership label.
 * - cluster-event patches workload pod templates (sidecar injection) and opens the Cloud Map readiness
 *   gate of a registered pod by patching `pods/status`; detect-drift's endpoint resync opens the gates
 *   of pods whose events were missed. Status subresources are written only under the cluster admin
 *   policy (the edit and admin policies, like the ClusterRoles they follow, read them only), so both
 *   need it; what they write stays bounded by the VirtualNodes in the inventory and meshcd's condition.
 * The same table configures the access entries of the local Kubernetes emulator in EKS mode, so a
 * policy too narrow for what the functions do fails the end-to-end tests.
 */
export function clusterAccessPolicy(_fn: ClusterFunction, _target: Target): ClusterAccessPolicyName {
  return 'AmazonEKSClusterAdminPolicy';
}

export const accessPolicyArn = (partition: string, name: ClusterAccessPolicyName) =>
  `arn:${partition}:eks::aws:cluster-access-policy/${name}`;
