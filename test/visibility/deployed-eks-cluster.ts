import {
  type EksEmulatorHandle,
  type KubeEmulatorHandle,
  type StsIdentity,
  startEksEmulator,
  startKubeEmulator,
} from '@meshcd/emulators';
import { buildKubeConfig } from '@meshcd/kube';
import { rbacResources } from '../cluster/cluster-world.ts';

const adminToken = 'cluster-creator';

/**
 * A deployed target's EKS cluster `prod`, as a laptop reaches it: the cluster in EKS mode behind the EKS API.
 * The platform team's role (the laptop's account, as alice) may read it; `strangers` (access key id → caller
 * ARN) have an identity but no access entry. The functions reach it as the cluster's creator, through
 * `kubeConfig`. `identities` are the callers by access key id, for the STS emulator to answer the same.
 */
export async function startDeployedEksCluster(
  account: string,
  strangers: Record<string, string> = {},
): Promise<{
  kube: KubeEmulatorHandle;
  eks: EksEmulatorHandle;
  kubeConfig: ReturnType<typeof buildKubeConfig>;
  identities: Record<string, StsIdentity>;
}> {
  const identity = (arn: string) => ({ secretAccessKey: 'laptop', arn });
  const identities = {
    [account]: identity(`arn:aws:sts::${account}:assumed-role/platform-viewer/alice`),
    ...Object.fromEntries(Object.entries(strangers).map(([id, arn]) => [id, identity(arn)])),
  };
  const kube = await startKubeEmulator({
    extraResources: rbacResources,
    eks: {
      clusterName: 'prod',
      identities,
      accessEntries: [
        {
          principalArn: `arn:aws:iam::${account}:role/platform-viewer`,
          policies: [{ policy: 'AmazonEKSAdminViewPolicy', scope: { type: 'cluster' } }],
        },
        {
          principalArn: `arn:aws:iam::${account}:user/creator`,
          policies: [{ policy: 'AmazonEKSClusterAdminPolicy', scope: { type: 'cluster' } }],
        },
      ],
      staticTokens: { [adminToken]: `arn:aws:iam::${account}:user/creator` },
    },
  });
  const eks = await startEksEmulator({
    clusters: { prod: kube.endpoint },
    accountId: account,
    region: 'us-west-2',
  });
  return {
    kube,
    eks,
    kubeConfig: buildKubeConfig({ endpoint: kube.endpoint, token: adminToken }),
    identities,
  };
}
