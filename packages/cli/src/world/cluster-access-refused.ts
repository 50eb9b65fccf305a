import { MeshcdError } from '@meshcd/core';

/**
 * A 401 or 403 on the first read means the cluster does not admit the user's identity: EKS answers 401
 * when no access entry maps it and 403 when its entry's policies do not allow the read. Either way the
 * fix is an access entry with a read policy, which the message spells out with the identity's role.
 * AmazonEKSAdminViewPolicy, not AmazonEKSViewPolicy: the Cloud Map check reads Nodes (the instances'
 * zones), which only the former lets a user read.
 */
export function clusterAccessRefused(error: unknown, targetId: string, clusterName: string): unknown {
  if (!(error instanceof MeshcdError) || !['Unauthorized', 'Forbidden'].includes(error.reason)) return error;
  const caller = /User "([^"]+)"/.exec(error.message)?.[1];
  const role = caller?.replace(
    /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/,
    'arn:$1:iam::$2:role/$3',
  );
  const principal = role ?? '<your role ARN>';
  return new MeshcdError({
    phase: 'cluster',
    reason: 'ClusterAccessDenied',
    message:
      `EKS cluster "${clusterName}" of target ${targetId} does not let ${caller ? `your AWS identity ${caller}` : 'your AWS identity'} read it: ` +
      `it needs an access entry with a read policy (${error.message}). A cluster administrator can add one: ` +
      `aws eks create-access-entry --cluster-name ${clusterName} --principal-arn ${principal} && ` +
      `aws eks associate-access-policy --cluster-name ${clusterName} --principal-arn ${principal} ` +
      '--policy-arn arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminViewPolicy --access-scope type=cluster',
    cause: error,
  });
}
