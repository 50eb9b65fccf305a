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

/** A connection to an EKS cluster: the KubeConfig, and how to replace a token the cluster refused. */
export interface EksConnection {
  kubeConfig: KubeConfig;
  /** Signs a fresh token for the next requests (after a 401). */
  renewCredentials(): Promise<void>;
}

/**
 * What a Lambda does to reach its target cluster: coordinates from EKS once, and a token from the cache
 * on every request. A warm container outlives a token (15 minutes from signing), so the token is never
 * built into the connection.
 */
export async function eksKubeConfig({
  eks,
  tokens,
  clusterName,
  region,
  credentials,
}: EksKubeConfigRequest): Promise<EksConnection> {
  const request = { clusterName, region, ...(credentials ? { credentials } : {}) };
  const access = await describeClusterAccess(eks, clusterName);
  const kubeConfig = buildKubeConfig({
    endpoint: access.endpoint,
    caData: access.caData,
    token: async () => (await tokens.get(request)).token,
    name: clusterName,
  });
  return {
    kubeConfig,
    renewCredentials: async () => {
      await tokens.renew(request);
    },
  };
}
