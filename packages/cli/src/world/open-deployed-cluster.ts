import type { CloudMapApi, ClusterApi, NamespaceLabels, Target } from '@meshcd/core';
import { clusterAccessRefused } from './cluster-access-refused.ts';
import { readOnlyCloudMapApi, readOnlyClusterApi } from './read-only.ts';

/** The cluster side of a deployed target, read-only unless opened for an allowed apply: its cluster, Cloud Map, and the namespaces' labels. */
export interface DeployedCluster {
  cluster: ClusterApi;
  /** Absent for a Lattice target, whose nodes are not registered in Cloud Map by meshcd. */
  cloudMap?: CloudMapApi;
  namespaceLabels: NamespaceLabels;
  close(): void;
}

/**
 * Opens the cluster of a deployed target with the user's AWS credentials, exactly as the functions reach
 * it (eks:DescribeCluster for endpoint and CA, a presigned-STS bearer token): only the identity differs,
 * so it needs an EKS access entry of its own. The SDK's endpoint variables (AWS_ENDPOINT_URL_EKS,
 * AWS_ENDPOINT_URL_SERVICEDISCOVERY) work as for any SDK client. The namespaces are read at once: mesh
 * membership needs them, and a user the cluster does not admit learns it here, in words, before any plan.
 */
export async function openDeployedCluster(
  target: Target,
  write = false,
): Promise<DeployedCluster | undefined> {
  if (!target.cluster) return undefined;
  const { name, region = target.region } = target.cluster;
  const [{ EKSClient }, kube] = await Promise.all([import('@aws-sdk/client-eks'), import('@meshcd/kube')]);
  const eks = new EKSClient({ region });
  const closers = [() => eks.destroy()];
  const close = () => {
    for (const c of closers) c();
  };
  try {
    const api = await kube.eksClusterApi({
      eks,
      tokens: kube.createEksTokenCache(),
      clusterName: name,
      region,
    });
    const cluster = write ? api : readOnlyClusterApi(api);
    const namespaces = await cluster.listNamespaces().catch((error: unknown) => {
      throw clusterAccessRefused(error, target.id, name);
    });
    const labels = new Map(namespaces.map((n) => [n.name, n.labels]));
    const namespaceLabels: NamespaceLabels = (namespace) => labels.get(namespace);
    if (target.provider === 'lattice') return { cluster, namespaceLabels, close };
    const [{ ServiceDiscoveryClient }, { createCloudMapApi }] = await Promise.all([
      import('@aws-sdk/client-servicediscovery'),
      import('@meshcd/appmesh'),
    ]);
    // maxAttempts 1: the adapter retries on its own, as in the functions.
    const client = new ServiceDiscoveryClient({ region: target.region, maxAttempts: 1 });
    closers.push(() => client.destroy());
    const cloudMap = createCloudMapApi({ client });
    return { cluster, cloudMap: write ? cloudMap : readOnlyCloudMapApi(cloudMap), namespaceLabels, close };
  } catch (error) {
    close();
    throw error;
  }
}
