import type { LatticeAuthType } from './lattice-resource.ts';

/**
 * How a target translates App Mesh manifests to Lattice: deploy-time configuration, never read from the
 * manifest repository. Every member has a documented default except the VPC, which only the target knows.
 */
export interface LatticeOptions {
  /** The cluster's VPC: target groups live in it and it joins the mesh's service network. */
  vpcId: string;
  /**
   * `NONE` (default): any client in an associated VPC reaches every service and `backends` are not enforced.
   * `AWS_IAM`: services require SigV4 and get auth policies generated from `backends` (spec §4.1 #8).
   */
  authType: LatticeAuthType;
  /**
   * A VPC joins one service network by association: the mesh whose network the cluster VPC joins when the
   * set has several (spec §4.1 #1). Absent: the only mesh, or the first by name.
   */
  associatedMesh?: string;
  /** Security groups on the VPC association (at most 5); none when absent. */
  securityGroupIds?: string[];
  /**
   * Custom domain per VirtualService (its App Mesh name, e.g. `color.ns.svc.cluster.local`). Create-only in
   * Lattice: choose before the first apply.
   */
  customDomains?: Record<string, { domainName: string; certificateArn?: string }>;
  /**
   * IAM role ARN of the pods of a ServiceAccount (`<namespace>/<name>`), for AWS_IAM auth policies, beyond the
   * roles the set's ServiceAccounts carry in their `eks.amazonaws.com/role-arn` annotation.
   */
  serviceAccountRoles?: Record<string, string>;
}

export const defaultLatticeOptions = (vpcId: string): LatticeOptions => ({ vpcId, authType: 'NONE' });
