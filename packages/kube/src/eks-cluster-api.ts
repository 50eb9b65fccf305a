import type { ClusterApi } from '@meshcd/core';
import { createClusterApi } from './create-cluster-api.ts';
import { type EksKubeConfigRequest, eksKubeConfig } from './eks-kube-config.ts';

export type EksClusterApiRequest = EksKubeConfigRequest;

/**
 * An EKS cluster as meshcd reaches it, from a function or from a laptop alike: endpoint and CA from
 * eks:DescribeCluster, a presigned-STS bearer token from the cache on every request, renewed once on a 401.
 * Only the credentials differ: the function's role there, the user's here.
 */
export async function eksClusterApi(request: EksClusterApiRequest): Promise<ClusterApi> {
  const { kubeConfig, renewCredentials } = await eksKubeConfig(request);
  return createClusterApi({ kubeConfig, renewCredentials });
}
