import type { Target } from '@meshcd/core';
import {
  accessPolicyArn,
  type ClusterFunction,
  clusterAccessPolicy,
} from '@meshcd/kube/cluster-access-policy';
import { clusterEventFunction } from './cluster-events';
import { detectDriftFunction } from './drift';
import { partition } from './iam';
import { reconcileFunction } from './reconciler';
import { pascal, providerFor } from './regions';
import { targets } from './targets';

/**
 * EKS access entries: each function that talks to a target's cluster gets an access entry for its role
 * and one access policy association at cluster scope (clusterAccessPolicy says which and why). The
 * clusters' authentication mode must be API or API_AND_CONFIG_MAP: with CONFIG_MAP alone EKS refuses
 * access entries, and the aws-auth ConfigMap would have to map the roles instead.
 */
const functions: Record<ClusterFunction, sst.aws.Function> = {
  reconcile: reconcileFunction,
  'detect-drift': detectDriftFunction,
  'cluster-event': clusterEventFunction,
};

/** Each cluster once, with the strongest policy any of its targets needs per function. */
function clusters(all: readonly Target[]) {
  const byCluster = new Map<string, { name: string; region: string; targets: Target[] }>();
  for (const target of all) {
    // A target reached through its role is in another account: the cluster there grants that role
    // access (an access entry its owner creates), not the functions' roles, which it does not know.
    if (!target.cluster || target.role) continue;
    const region = target.cluster.region ?? target.region;
    const key = `${target.accountId}/${region}/${target.cluster.name}`;
    const entry = byCluster.get(key) ?? { name: target.cluster.name, region, targets: [] };
    entry.targets.push(target);
    byCluster.set(key, entry);
  }
  return [...byCluster.values()];
}

const strength = ['AmazonEKSViewPolicy', 'AmazonEKSEditPolicy', 'AmazonEKSClusterAdminPolicy'] as const;

export const clusterAccess = clusters(targets).flatMap((cluster) =>
  (Object.keys(functions) as ClusterFunction[]).map((fn) => {
    const policy = cluster.targets
      .map((t) => clusterAccessPolicy(fn, t))
      .reduce((a, b) => (strength.indexOf(a) >= strength.indexOf(b) ? a : b));
    const name = `MeshcdAccess${pascal(cluster.region)}${pascal(cluster.name)}${pascal(fn)}`;
    // Access entries are regional EKS resources: created in the cluster's region.
    const opts = { provider: providerFor('MeshcdEks', cluster.region) };
    const principalArn = functions[fn].nodes.role.arn;
    const entry = new aws.eks.AccessEntry(
      `${name}Entry`,
      { clusterName: cluster.name, principalArn, type: 'STANDARD' },
      opts,
    );
    const association = new aws.eks.AccessPolicyAssociation(
      `${name}Policy`,
      {
        clusterName: cluster.name,
        principalArn,
        policyArn: partition.apply((p) => accessPolicyArn(p, policy)),
        accessScope: { type: 'cluster' },
      },
      { ...opts, dependsOn: [entry] },
    );
    return { cluster: cluster.name, fn, policy, entry, association };
  }),
);
