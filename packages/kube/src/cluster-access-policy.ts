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
 * - cluster-event reads a workload anywhere and patches its pod template (sidecar injection): edit.
 * - detect-drift only reads (view; Secrets are not read), unless the target heals drift, which writes
 *   what reconcile writes.
 * The same table configures the access entries of the local Kubernetes emulator in EKS mode, so a
 * policy too narrow for what the functions do fails the end-to-end tests.
 */
export function clusterAccessPolicy(fn: ClusterFunction, target: Target): ClusterAccessPolicyName {
  switch (fn) {
    case 'reconcile':
      return 'AmazonEKSClusterAdminPolicy';
    case 'cluster-event':
      return 'AmazonEKSEditPolicy';
    case 'detect-drift':
      return target.policy.selfHeal ? 'AmazonEKSClusterAdminPolicy' : 'AmazonEKSViewPolicy';
  }
}

export const accessPolicyArn = (partition: string, name: ClusterAccessPolicyName) =>
  `arn:${partition}:eks::aws:cluster-access-policy/${name}`;
