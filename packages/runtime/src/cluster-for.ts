import type { ClusterApi, Target } from '@meshcd/core';
import type { RuntimeConfig } from './runtime-config.ts';
import type { Credentials } from './target-credentials.ts';

/**
 * The cluster adapter of each target that names an EKS cluster, built on first use and reused while warm:
 * DescribeCluster for endpoint and CA once, a presigned-STS bearer token from the cache on every request.
 * With a Kubernetes endpoint override every target's cluster is that server, unauthenticated; with an EKS
 * endpoint override (local mode in EKS mode) DescribeCluster goes to the EKS emulator instead.
 */
export function clusterFor(
  config: Pick<RuntimeConfig, 'endpoints'>,
  /** What the target's EKS calls and tokens sign with: its role's session, or the function's own. */
  credentialsOf: (target: Target) => Credentials | undefined = () => undefined,
): (target: Target) => Promise<ClusterApi | undefined> {
  const clusters = new Map<string, Promise<ClusterApi>>();
  let tokens: import('@meshcd/kube').EksTokenCache | undefined;
  return (target) => {
    if (!target.cluster) return Promise.resolve(undefined);
    const { name, region = target.region } = target.cluster;
    const key = `${target.id}/${region}/${name}`;
    let cluster = clusters.get(key);
    if (!cluster) {
      cluster = (async () => {
        const kube = await import('@meshcd/kube');
        if (config.endpoints.kube) {
          const kubeConfig = kube.buildKubeConfig({ endpoint: config.endpoints.kube, token: 'local', name });
          return kube.createClusterApi({ kubeConfig });
        }
        const { EKSClient } = await import('@aws-sdk/client-eks');
        const credentials = credentialsOf(target);
        tokens ??= kube.createEksTokenCache();
        const eksEndpoint = config.endpoints.eks;
        // The connection asks the cache for a token on every request and renews it once on a 401:
        // a warm container outlives any one token.
        return kube.eksClusterApi({
          eks: new EKSClient({
            region,
            ...(eksEndpoint ? { endpoint: eksEndpoint } : {}),
            ...(credentials ? { credentials } : {}),
          }),
          tokens,
          clusterName: name,
          region,
          ...(credentials ? { credentials } : {}),
        });
      })();
      // A failed build (throttled DescribeCluster) is retried on the next use, not cached.
      cluster.catch(() => clusters.delete(key));
      clusters.set(key, cluster);
    }
    return cluster;
  };
}
