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
  /** Account owning the meshes when they are shared from another account. */
  meshOwner?: string;
  cluster?: { name: string; region?: string };
  policy: TargetPolicy;
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
}

export const defaultTargetPolicy: TargetPolicy = {
  prune: true,
  pruneGuardRatio: 0.5,
  selfHeal: false,
  adopt: false,
  driftIgnore: [],
};
