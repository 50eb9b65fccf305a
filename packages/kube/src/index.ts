export { buildKubeConfig, type KubeConfigParts } from './build-kube-config.ts';
export {
  accessPolicyArn,
  type ClusterAccessPolicyName,
  type ClusterFunction,
  clusterAccessPolicy,
  requiredAuthenticationModes,
} from './cluster-access-policy.ts';
export { clusterApiError } from './cluster-api-error.ts';
export { type ClusterApiOptions, createClusterApi } from './create-cluster-api.ts';
export { type ClusterAccess, describeClusterAccess, type EksSender } from './describe-cluster-access.ts';
export { type EksClusterApiRequest, eksClusterApi } from './eks-cluster-api.ts';
export { type EksConnection, type EksKubeConfigRequest, eksKubeConfig } from './eks-kube-config.ts';
export { type EksToken, type EksTokenRequest, eksToken } from './eks-token.ts';
export { createEksTokenCache, type EksTokenCache, type EksTokenCacheOptions } from './eks-token-cache.ts';
export { KubeAccessError, type KubeAccessReason, type KubeAccessStep } from './kube-access-error.ts';
export { kubeConfigFromFile } from './kube-config-from-file.ts';
