import {
  DescribeClusterCommand,
  type DescribeClusterCommandOutput,
  type EKSClient,
} from '@aws-sdk/client-eks';
import { KubeAccessError } from './kube-access-error.ts';

export interface ClusterAccess {
  /** The API server URL, `https://<id>.<suffix>.<region>.eks.amazonaws.com`. */
  endpoint: string;
  /** The cluster CA bundle, base64 PEM, as kubeconfig's certificate-authority-data wants it. */
  caData: string;
}

/** Only `send` is used, so tests pass a stub instead of a client. */
export type EksSender = Pick<EKSClient, 'send'>;

/** EKS errors no retry can fix: the cluster is not there, or IAM does not let this role see it. */
const terminalReasons: Record<string, 'ClusterNotFound' | 'ClusterAccessDenied'> = {
  ResourceNotFoundException: 'ClusterNotFound',
  AccessDeniedException: 'ClusterAccessDenied',
};

/** Reads endpoint and CA from eks:DescribeCluster; both exist only once the cluster is ACTIVE. */
export async function describeClusterAccess(eks: EksSender, name: string): Promise<ClusterAccess> {
  let output: DescribeClusterCommandOutput;
  try {
    output = await eks.send(new DescribeClusterCommand({ name }));
  } catch (error) {
    const reason = terminalReasons[(error as Error | undefined)?.name ?? ''];
    throw new KubeAccessError(
      'describe',
      reason ?? 'ClusterCallFailed',
      `eks:DescribeCluster for "${name}" failed: ${error instanceof Error ? error.message : String(error)}`,
      reason === undefined,
      { cause: error },
    );
  }
  const cluster = output.cluster;
  const endpoint = cluster?.endpoint;
  const caData = cluster?.certificateAuthority?.data;
  if (cluster?.status !== 'ACTIVE' || !endpoint || !caData) {
    throw new KubeAccessError(
      'describe',
      'ClusterNotActive',
      `EKS cluster "${name}" is ${cluster?.status ?? 'unknown'}: no endpoint and CA until it is ACTIVE`,
      true,
    );
  }
  return { endpoint, caData };
}
