import type { CloudMapOptions } from './cloudmap/cloud-map-options.ts';
import type { InjectorSettings } from './cluster/injector-options.ts';
import type { LatticeOptions } from './lattice/lattice-options.ts';

/** The service a target's manifests are applied to. */
export type TargetProvider = 'appmesh' | 'lattice';

/**
 * A target: what one manifest source reconciles into. Targets are deploy-time configuration, never read
 * from the manifest repository, so a push cannot point meshcd at another account or cluster.
 */
export interface Target {
  id: string;
  source: {
    /** Clone URL of the manifest repository. */
    repository: string;
    branch: string;
    /** Directory inside the repository holding the manifests ('' or '.' for the root). */
    path: string;
    /** Name of the secret holding git credentials, if the repository needs them. */
    credentialsSecret?: string;
  };
  accountId: string;
  region: string;
  /**
   * The role meshcd assumes for this target's App Mesh, EKS, Cloud Map and VPC Lattice calls; required
   * when the target is in another account than the deployment. Its trust policy names the functions'
   * roles and requires the external id.
   */
  role?: TargetRole;
  /** Account owning the meshes when they are shared from another account. */
  meshOwner?: string;
  cluster?: { name: string; region?: string };
  /** App Mesh when absent. The same manifests translate to VPC Lattice with `lattice`. */
  provider?: TargetProvider;
  /** How the manifests translate to VPC Lattice (the cluster's VPC above all); needed with provider `lattice`. */
  lattice?: LatticeOptions;
  policy: TargetPolicy;
  /** How pods of VirtualNodes with Cloud Map service discovery are registered; the defaults when absent. */
  cloudMap?: Partial<CloudMapOptions>;
  /** Where each reconcile's outcome is posted as a commit status on the pushed revision, if anywhere. */
  commitStatus?: CommitStatusConfig;
  /** The sidecar injector's settings beyond the controller's defaults (its flags, by the same names). */
  injector?: InjectorSettings;
}

/** A role in the target's account, assumed with an external id (sts:AssumeRole). */
export interface TargetRole {
  arn: string;
  externalId: string;
}

/** A Git host's commit status API, as a target names it; the token itself stays in a secret. */
export interface CommitStatusConfig {
  provider: 'github' | 'gitlab';
  /** REST API base; https://api.github.com or https://gitlab.com/api/v4 when absent. */
  apiUrl?: string;
  /** GitHub `owner/repo`; GitLab project id or `group/project` path. */
  repository: string;
  /** Name of the secret holding the API token. */
  tokenSecret: string;
  /** The status's context (GitHub) or name (GitLab); `meshcd/<target id>` when absent. */
  context?: string;
}

export interface TargetPolicy {
  /** Delete resources that left Git. */
  prune: boolean;
  /** Refuse a plan deleting more than this fraction of the target's managed resources (0..1). */
  pruneGuardRatio: number;
  /** Re-apply the last applied revision when drift is detected. */
  selfHeal: boolean;
  /** Take over an existing resource with a desired name that meshcd does not own. */
  adopt: boolean;
  /** Field paths drift detection ignores, e.g. `spec.listeners[*].healthCheck`. */
  driftIgnore: string[];
  /**
   * Let `meshcd apply --target` apply from the command line with the user's credentials, under the same
   * lease and run record as the reconcile function. Off when absent: applying stays in the functions.
   */
  allowApplyFromCli?: boolean;
}

export const defaultTargetPolicy: TargetPolicy = {
  prune: true,
  pruneGuardRatio: 0.5,
  selfHeal: false,
  adopt: false,
  driftIgnore: [],
};
