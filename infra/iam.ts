import type { Target } from '@meshcd/core';

/** One IAM statement as sst.aws.Function's `permissions` takes it. */
export interface Permission {
  actions: string[];
  resources: $util.Input<string>[];
  conditions?: Array<{ test: string; variable: string; values: string[] }>;
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

/**
 * The targets the functions reach with their own role. A target naming a role (another account) is
 * reached with that role's session: what it may do there is the role's policy in its account, so the
 * functions' own policies grant only sts:AssumeRole on it (targetRoleArns).
 */
export const ownRoleTargets = (targets: readonly Target[]) => targets.filter((t) => !t.role);

/** The roles the functions assume for targets in other accounts, with the targets' external ids. */
export function targetRoleArns(targets: readonly Target[]): string[] {
  return unique(targets.flatMap((t) => (t.role ? [t.role.arn] : [])));
}

/** Every App Mesh resource in the meshes of the targets' (owner) accounts and regions; Lattice targets have none. */
export function meshArns(targets: readonly Target[]): string[] {
  return unique(
    ownRoleTargets(targets)
      .filter((t) => t.provider !== 'lattice')
      .map((t) => `arn:${partitionOf(t.region)}:appmesh:${t.region}:${t.meshOwner ?? t.accountId}:mesh/*`),
  );
}

/**
 * The App Mesh quotas the drift check reads (service code `appmesh`), in each App Mesh target's region. It
 * reads them with the function's own credentials, so in the deployment's account even for a target
 * reached through a role.
 */
export function appMeshQuotaArns(targets: readonly Target[], account: $util.Input<string>) {
  const regions = unique(targets.filter((t) => t.provider !== 'lattice').map((t) => t.region));
  return regions.map((r) => $interpolate`arn:${partitionOf(r)}:servicequotas:${r}:${account}:appmesh/*`);
}

/** The EKS clusters targets name; DescribeCluster gives the endpoint and CA for the token-based login. */
export function clusterArns(targets: readonly Target[]): string[] {
  return unique(ownRoleTargets(targets).flatMap((t) => (t.cluster ? [clusterArn(t.cluster, t)] : [])));
}

/**
 * Secrets Manager secrets the targets name (git credentials, commit status tokens), except the one the
 * deployment hands over itself. The functions read a secret given by name with their own client, in the
 * deployment's account and region, so that is where the grant names it; a secret given by ARN is read in
 * the ARN's region and granted as written.
 */
export function credentialSecretArns(
  targets: readonly Target[],
  handedOver: string,
  deployment: { partition: $util.Input<string>; region: $util.Input<string>; account: $util.Input<string> },
): $util.Input<string>[] {
  const names = [
    ...new Set(
      targets
        .flatMap((t) => [t.source.credentialsSecret, t.commitStatus?.tokenSecret])
        .filter((name): name is string => !!name && name !== handedOver),
    ),
  ].sort();
  // Secrets Manager appends a random six-character suffix to a secret's name in its ARN.
  return names.map((name) =>
    name.startsWith('arn:')
      ? name
      : $interpolate`arn:${deployment.partition}:secretsmanager:${deployment.region}:${deployment.account}:secret:${name}-??????`,
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
 * What a function does with Cloud Map: every sync creates what is missing (namespace, service) and keeps
 * instances and their health following the pods; the reconciler also removes what left Git (its
 * instances, then the service meshcd created, after reading its tag).
 */
export type CloudMapUse = 'sync' | 'sync-and-remove';

/**
 * Cloud Map for the targets with a cluster: their Cloud Map nodes' pods are registered as instances.
 * Each action is granted on the resource types it is authorized against (Service Authorization
 * Reference): listing, tag reads and namespace creation accept only `*`; GetOperation and GetNamespace
 * are on the namespace; instance calls on the service. Tags go with CreateService (tag-on-create needs no
 * TagResource). Creating namespaces is granted only when a target allows meshcd to create them, and only
 * the kind it creates: a private DNS namespace for a VPC, an HTTP one otherwise.
 */
export function cloudMapPermissions(targets: readonly Target[], use: CloudMapUse): Permission[] {
  // Lattice targets register their pods as Lattice targets, never in Cloud Map.
  const registering = ownRoleTargets(targets).filter((t) => t.cluster && t.provider !== 'lattice');
  const any = (resources: string[]) => (registering.length > 0 ? resources : []);
  const scoped = (kind: 'namespace' | 'service') =>
    unique(
      registering.map(
        (t) => `arn:${partitionOf(t.region)}:servicediscovery:${t.region}:${t.accountId}:${kind}/*`,
      ),
    );
  const creating = registering.flatMap((t) =>
    t.cloudMap?.createNamespaces ? [t.cloudMap.createNamespaces] : [],
  );
  const privateDns = creating.some((c) => c.vpc);
  const http = creating.some((c) => !c.vpc);
  const removing = use === 'sync-and-remove';
  return nonEmpty([
    {
      actions: [
        'servicediscovery:ListNamespaces',
        'servicediscovery:ListServices',
        ...(removing ? ['servicediscovery:ListTagsForResource'] : []),
      ],
      resources: any(['*']),
    },
    // Register and deregister are asynchronous: meshcd waits for their operation, as for a namespace's.
    { actions: ['servicediscovery:GetOperation'], resources: scoped('namespace') },
    {
      actions: ['servicediscovery:CreateService'],
      resources: [...scoped('namespace'), ...scoped('service')],
    },
    {
      actions: [
        ...(removing ? ['servicediscovery:DeleteService'] : []),
        'servicediscovery:ListInstances',
        'servicediscovery:RegisterInstance',
        'servicediscovery:DeregisterInstance',
        'servicediscovery:GetInstancesHealthStatus',
        'servicediscovery:UpdateInstanceCustomHealthStatus',
      ],
      resources: scoped('service'),
    },
    {
      actions: ['route53:ChangeResourceRecordSets'],
      resources: any(unique(registering.map((t) => `arn:${partitionOf(t.region)}:route53:::hostedzone/*`))),
    },
    { actions: ['servicediscovery:CreateHttpNamespace'], resources: http ? ['*'] : [] },
    // Cloud Map creates a private DNS namespace's hosted zone with the caller's permissions: the Route 53
    // and EC2 calls are AWS's, the API permissions reference lists them for CreatePrivateDnsNamespace.
    {
      actions: [
        'servicediscovery:CreatePrivateDnsNamespace',
        'route53:CreateHostedZone',
        'route53:ListHostedZonesByName',
        'ec2:DescribeVpcs',
        'ec2:DescribeRegions',
      ],
      resources: privateDns ? ['*'] : [],
    },
    {
      actions: ['route53:GetHostedZone'],
      resources: privateDns
        ? unique(registering.map((t) => `arn:${partitionOf(t.region)}:route53:::hostedzone/*`))
        : [],
    },
    { actions: ['servicediscovery:GetNamespace'], resources: creating.length > 0 ? scoped('namespace') : [] },
  ]);
}
