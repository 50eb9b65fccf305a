import type { Target } from '@meshcd/core';

/** One IAM statement as sst.aws.Function's `permissions` takes it. */
export interface Permission {
  actions: string[];
  resources: $util.Input<string>[];
}

const unique = (values: string[]) => [...new Set(values)].sort();

/** The partition the deployment runs in (aws, aws-cn, aws-us-gov …), for ARNs of the deployment's own account. */
export const partition = aws.getPartitionOutput().partition;

/**
 * The partition of a target's region: ARNs are written out at synthesis for the targets, so the
 * partition follows from the region instead of being assumed to be `aws`.
 */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('eu-isoe-')) return 'aws-iso-e';
  if (region.startsWith('us-isof-')) return 'aws-iso-f';
  return 'aws';
}

/** Every App Mesh resource in the meshes of the targets' (owner) accounts and regions. */
export function meshArns(targets: readonly Target[]): string[] {
  return unique(
    targets.map(
      (t) => `arn:${partitionOf(t.region)}:appmesh:${t.region}:${t.meshOwner ?? t.accountId}:mesh/*`,
    ),
  );
}

/** The EKS clusters targets name; DescribeCluster gives the endpoint and CA for the token-based login. */
export function clusterArns(targets: readonly Target[]): string[] {
  return unique(targets.flatMap((t) => (t.cluster ? [clusterArn(t.cluster, t)] : [])));
}

/** Secrets Manager secrets named by targets, except the one the deployment hands over itself. */
export function credentialSecretArns(targets: readonly Target[], handedOver: string): string[] {
  return unique(
    targets.flatMap((t) => {
      const name = t.source.credentialsSecret;
      if (!name || name === handedOver) return [];
      // Secrets Manager appends a random six-character suffix to a secret's name in its ARN.
      return [
        name.startsWith('arn:')
          ? name
          : `arn:${partitionOf(t.region)}:secretsmanager:${t.region}:${t.accountId}:secret:${name}-??????`,
      ];
    }),
  );
}

/** Only statements with resources: an empty resource list is an invalid IAM statement. */
export const nonEmpty = (statements: Permission[]) => statements.filter((s) => s.resources.length > 0);

/** X-Ray accepts trace segments only on resource `*`: the one wildcard AWS requires here. */
export const tracingPermission: Permission = {
  actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
  resources: ['*'],
};

/** The meshes of the targets whose policy lets meshcd restore drift itself; none unless one opts in. */
export function selfHealMeshArns(targets: readonly Target[]): string[] {
  return meshArns(targets.filter((t) => t.policy.selfHeal));
}

/** The ARN of a target's EKS cluster (in the target's account, in its cluster region). */
function clusterArn(cluster: NonNullable<Target['cluster']>, t: Target): string {
  const region = cluster.region ?? t.region;
  return `arn:${partitionOf(region)}:eks:${region}:${t.accountId}:cluster/${cluster.name}`;
}

/**
 * Cloud Map for the targets with a cluster: their Cloud Map nodes' pods are registered as instances.
 * Listing and GetOperation accept only `*`; everything else is scoped to the targets' accounts and
 * regions. Instances of DNS services become records in the namespace's hosted zone. Creating namespaces
 * (and their private hosted zones) is granted only when a target allows meshcd to create them.
 */
export function cloudMapPermissions(targets: readonly Target[]): Permission[] {
  const registering = targets.filter((t) => t.cluster);
  const any = (resources: string[]) => (registering.length > 0 ? resources : []);
  const scoped = unique(
    registering.flatMap((t) =>
      ['namespace', 'service'].map(
        (kind) => `arn:${partitionOf(t.region)}:servicediscovery:${t.region}:${t.accountId}:${kind}/*`,
      ),
    ),
  );
  const creating = registering.some((t) => t.cloudMap?.createNamespaces);
  return nonEmpty([
    {
      actions: [
        'servicediscovery:ListNamespaces',
        'servicediscovery:ListServices',
        'servicediscovery:GetOperation',
      ],
      resources: any(['*']),
    },
    {
      actions: [
        'servicediscovery:CreateService',
        'servicediscovery:DeleteService',
        'servicediscovery:TagResource',
        'servicediscovery:ListTagsForResource',
        'servicediscovery:ListInstances',
        'servicediscovery:RegisterInstance',
        'servicediscovery:DeregisterInstance',
        'servicediscovery:GetInstancesHealthStatus',
        'servicediscovery:UpdateInstanceCustomHealthStatus',
      ],
      resources: scoped,
    },
    {
      actions: ['route53:ChangeResourceRecordSets'],
      resources: any(unique(registering.map((t) => `arn:${partitionOf(t.region)}:route53:::hostedzone/*`))),
    },
    {
      actions: [
        'servicediscovery:CreateHttpNamespace',
        'servicediscovery:CreatePrivateDnsNamespace',
        'servicediscovery:GetNamespace',
        'route53:CreateHostedZone',
        'ec2:DescribeVpcs',
      ],
      resources: creating ? ['*'] : [],
    },
  ]);
}
