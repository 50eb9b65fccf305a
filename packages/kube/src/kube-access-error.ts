import { MeshcdError } from '@meshcd/core';

/** The step of reaching the cluster that failed. */
export type KubeAccessStep = 'token' | 'describe' | 'kubeconfig';

export type KubeAccessReason =
  | 'NoCredentials'
  | 'SigningFailed'
  | 'ClusterNotFound'
  | 'ClusterAccessDenied'
  | 'ClusterNotActive'
  | 'ClusterCallFailed'
  | 'KubeconfigUnreadable'
  | 'ContextNotFound';

/**
 * A failure to reach the cluster: a MeshcdError of phase `cluster`, so it is classified like every
 * other error (a terminal one is reported as Reconcile Failed, not retried into the dead-letter queue).
 * `retryable` says whether the platform should retry: a cluster that is still creating or a throttled
 * call can succeed later; a missing cluster, a denied call or a missing context cannot.
 */
export class KubeAccessError extends MeshcdError {
  constructor(
    readonly step: KubeAccessStep,
    reason: KubeAccessReason,
    message: string,
    retryable: boolean,
    options?: ErrorOptions,
  ) {
    super({ phase: 'cluster', reason, message, retryable, cause: options?.cause });
    this.name = 'KubeAccessError';
  }
}
