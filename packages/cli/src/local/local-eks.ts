import type { Target } from '@meshcd/core';
import type { EksAccessEntry, EksModeOptions } from '@meshcd/emulators';
import { clusterAccessPolicy } from '@meshcd/kube';

/** The secret of the local functions' access key (their access key id is the account id). */
export const localSecretAccessKey = 'local';
/** The bearer token of the local kubeconfig: an administrator, as the cluster creator is on EKS. */
export const localAdminToken = 'meshcd-local';

/** The role the local functions run as: all of them share one process, hence one identity. */
/** The role the local functions act as (locally they share one set of credentials). */
export const localFunctionRoleName = 'meshcd-local-reconcile';
export const localFunctionRole = (accountId: string) =>
  `arn:aws:iam::${accountId}:role/${localFunctionRoleName}`;

/**
 * The Kubernetes emulator as the EKS cluster of `target`: tokens signed with the local functions'
 * credentials are checked like aws-iam-authenticator checks them, and their role gets the access entry
 * infra creates for the reconcile function (`clusterAccessPolicy`), so a stale token or a policy too
 * narrow for what the functions do fails locally as it would on EKS.
 */
export function localEksMode(
  target: Target,
  now?: () => Date,
): EksModeOptions & { staticTokens: Record<string, string> } {
  const account = target.accountId;
  const admin = `arn:aws:iam::${account}:user/meshcd-local-admin`;
  const accessEntries: EksAccessEntry[] = [
    {
      principalArn: localFunctionRole(account),
      policies: [{ policy: clusterAccessPolicy('reconcile', target), scope: { type: 'cluster' } }],
    },
    {
      principalArn: admin,
      policies: [{ policy: 'AmazonEKSClusterAdminPolicy', scope: { type: 'cluster' } }],
    },
  ];
  return {
    clusterName: target.cluster?.name ?? 'local',
    identities: {
      [account]: {
        secretAccessKey: localSecretAccessKey,
        arn: `arn:aws:sts::${account}:assumed-role/${localFunctionRoleName}/local`,
      },
    },
    accessEntries,
    staticTokens: { [localAdminToken]: admin },
    ...(now ? { now } : {}),
  };
}
