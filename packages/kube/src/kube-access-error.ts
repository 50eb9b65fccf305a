/** Where reaching the cluster failed. */
export type KubeAccessPhase = 'token' | 'describe' | 'kubeconfig';

export type KubeAccessReason =
  | 'NoCredentials'
  | 'SigningFailed'
  | 'ClusterNotFound'
  | 'ClusterNotActive'
  | 'ClusterCallFailed'
  | 'KubeconfigUnreadable'
  | 'ContextNotFound';

/**
 * A failure to reach the cluster. `retryable` says whether the platform should retry: a cluster that
 * is still creating or a throttled call can succeed later; a missing cluster or context cannot.
 */
export class KubeAccessError extends Error {
  constructor(
    readonly phase: KubeAccessPhase,
    readonly reason: KubeAccessReason,
    message: string,
    readonly retryable: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'KubeAccessError';
  }
}
