import type { KubeConfig } from '@kubernetes/client-node';
import { buildKubeConfig } from './build-kube-config.ts';
import { describeClusterAccess, type EksSender } from './describe-cluster-access.ts';
import type { EksTokenRequest } from './eks-token.ts';
import type { EksTokenCache } from './eks-token-cache.ts';

export interface EksKubeConfigRequest {
  eks: EksSender;
  tokens: EksTokenCache;
  clusterName: string;
  region: string;
  credentials?: EksTokenRequest['credentials'];
}

/** What a Lambda does to reach its target cluster: coordinates from EKS, a cached token, no files. */
export async function eksKubeConfig({
  eks,
  tokens,
  clusterName,
  region,
  credentials,
}: EksKubeConfigRequest): Promise<KubeConfig> {
  const [access, { token }] = await Promise.all([
    describeClusterAccess(eks, clusterName),
    tokens.get({ clusterName, region, ...(credentials ? { credentials } : {}) }),
  ]);
  return buildKubeConfig({ endpoint: access.endpoint, caData: access.caData, token, name: clusterName });
}
