import type { ClusterApi, StateStore, Target } from '@meshcd/core';
import { injectorOptions } from '@meshcd/core';
import type { RuntimeConfig } from './runtime-config.ts';

/**
 * The cluster adapter of each target that names an EKS cluster, built on first use and reused while warm:
 * DescribeCluster for endpoint and CA, a presigned-STS bearer token cached below its lifetime. With a
 * Kubernetes endpoint override (local mode) every target's cluster is that server.
 */
export function clusterFor(
  config: Pick<RuntimeConfig, 'endpoints'>,
  state: StateStore,
  credentials?: { accessKeyId: string; secretAccessKey: string },
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
        let kubeConfig: import('@kubernetes/client-node').KubeConfig;
        if (config.endpoints.kube) {
          kubeConfig = kube.buildKubeConfig({ endpoint: config.endpoints.kube, token: 'local', name });
        } else {
          const { EKSClient } = await import('@aws-sdk/client-eks');
          tokens ??= kube.createEksTokenCache();
          kubeConfig = await kube.eksKubeConfig({
            eks: new EKSClient({ region, ...(credentials ? { credentials } : {}) }),
            tokens,
            clusterName: name,
            region,
            ...(credentials ? { credentials } : {}),
          });
        }
        return kube.createClusterApi({
          kubeConfig,
          injection: { targetId: target.id, state, injector: injectorOptions(target) },
        });
      })();
      // A failed build (throttled DescribeCluster) is retried on the next use, not cached.
      cluster.catch(() => clusters.delete(key));
      clusters.set(key, cluster);
    }
    return cluster;
  };
}
