import type { Target } from '@meshcd/core';
import { nonEmpty, ownRoleTargets, type Permission, partitionOf } from './iam';

/** What a function does with VPC Lattice. */
export type LatticeUse =
  /** The reconciler: observe, create, update and delete every kind, and register a new group's pods. */
  | 'reconcile'
  /** The cluster-event function: keep each target group's targets equal to its pods. */
  | 'targets'
  /** The drift run: observe every kind, resync targets, and self-heal (create, update) where a target opts in. */
  | 'drift';

const unique = (values: string[]) => [...new Set(values)].sort();

/** The Lattice targets the functions reach with their own role (another account's role grants the rest there). */
const latticeTargets = (targets: readonly Target[]) =>
  ownRoleTargets(targets).filter((t) => t.provider === 'lattice');

/** The ARNs of one resource type (`servicenetwork`, `service`, `targetgroup` …) in the Lattice targets' accounts and regions. */
const arns = (targets: readonly Target[], ...types: string[]) =>
  unique(
    targets.flatMap((t) =>
      types.map((type) => `arn:${partitionOf(t.region)}:vpc-lattice:${t.region}:${t.accountId}:${type}/*`),
    ),
  );

/**
 * Each action on the resource types IAM authorizes it against (Service Authorization Reference); listeners
 * and rules are under their service's ARN, and an association is authorized on what it joins too.
 */
const resourceTypes = {
  ServiceNetwork: ['servicenetwork'],
  ServiceNetworkVpcAssociation: ['servicenetwork', 'servicenetworkvpcassociation'],
  Service: ['service'],
  ServiceNetworkServiceAssociation: ['service', 'servicenetwork', 'servicenetworkserviceassociation'],
  Listener: ['service'],
  Rule: ['service'],
  TargetGroup: ['targetgroup'],
} as const;

/** Create, read, update or delete one kind; an association's Get, Update and Delete are on the association alone. */
const kindStatements = (
  targets: readonly Target[],
  verbs: readonly string[],
  conditions?: Permission['conditions'],
): Permission[] =>
  Object.entries(resourceTypes).flatMap(([kind, types]) =>
    // A service's association with a network has nothing to update.
    verbs
      .filter((verb) => !(verb === 'Update' && kind === 'ServiceNetworkServiceAssociation'))
      .map((verb) => ({
        actions: [`vpc-lattice:${verb}${kind}`],
        resources: arns(
          targets,
          ...(verb === 'Create' || !kind.includes('Association') ? types : [types.at(-1)!]),
        ),
        ...(conditions ? { conditions } : {}),
      })),
  );

const allTypes = [...new Set(Object.values(resourceTypes).flat())];

/**
 * VPC Lattice for the Lattice targets. Lists and tag reads accept only `*`; everything else is scoped to
 * the targets' accounts and regions. Creating is allowed only with meshcd's ownership tag naming one of
 * the targets (tag-on-create): Lattice authorizes a create with tags as the create plus
 * `vpc-lattice:TagResource`, so both carry the `aws:RequestTag` condition. BatchUpdateRule is authorized
 * as `vpc-lattice:UpdateRule`. Auth policies are written only when a target chose AWS_IAM.
 */
export function latticePermissions(targets: readonly Target[], use: LatticeUse): Permission[] {
  const lattice = latticeTargets(targets);
  const registering = lattice.filter((t) => t.cluster);
  const targetGroups = arns(use === 'reconcile' ? lattice : registering, 'targetgroup');
  const targetCalls: Permission = {
    actions: ['vpc-lattice:ListTargets', 'vpc-lattice:RegisterTargets', 'vpc-lattice:DeregisterTargets'],
    resources: targetGroups,
  };
  if (use === 'targets') return nonEmpty([targetCalls]);
  const ownerTag = (of: readonly Target[]) => [
    { test: 'StringEquals', variable: 'aws:RequestTag/meshcd:target', values: unique(of.map((t) => t.id)) },
  ];
  // Updates and deletes only of what carries meshcd's tag for one of the targets: every kind supports
  // aws:ResourceTag on them (Service Authorization Reference), and meshcd tags every kind it creates (an
  // adopted resource is tagged before its first update).
  const taggedBy = (of: readonly Target[]) => [
    { test: 'StringEquals', variable: 'aws:ResourceTag/meshcd:target', values: unique(of.map((t) => t.id)) },
  ];
  const reads: Permission = {
    actions: [
      'vpc-lattice:ListServiceNetworks',
      'vpc-lattice:ListServices',
      'vpc-lattice:ListTargetGroups',
      'vpc-lattice:ListListeners',
      'vpc-lattice:ListRules',
      'vpc-lattice:ListServiceNetworkVpcAssociations',
      'vpc-lattice:ListServiceNetworkServiceAssociations',
      'vpc-lattice:ListTagsForResource',
    ],
    resources: lattice.length > 0 ? ['*'] : [],
  };
  if (use === 'drift') {
    // Self-heal re-creates and restores, never deletes, and only for targets that opt in.
    const healing = lattice.filter((t) => t.policy.selfHeal);
    const isAssociationGet = (s: Permission) =>
      s.actions.includes('vpc-lattice:GetServiceNetworkServiceAssociation');
    return nonEmpty([
      reads,
      // Observing reads a service's association from its listing; only healing waits on one it creates.
      ...kindStatements(lattice, ['Get']).filter((s) => !isAssociationGet(s)),
      ...kindStatements(healing, ['Get']).filter(isAssociationGet),
      targetCalls,
      ...kindStatements(healing, ['Create'], ownerTag(healing)),
      {
        actions: ['vpc-lattice:TagResource'],
        resources: arns(healing, ...allTypes),
        conditions: ownerTag(healing),
      },
      ...kindStatements(healing, ['Update'], taggedBy(healing)),
    ]);
  }
  const iamAuth = lattice.filter((t) => t.lattice?.authType === 'AWS_IAM');
  return nonEmpty([
    reads,
    // Tag-on-create: each create, and the TagResource Lattice authorizes with it, only with meshcd's tag.
    ...kindStatements(lattice, ['Create'], ownerTag(lattice)),
    {
      actions: ['vpc-lattice:TagResource'],
      resources: arns(lattice, ...allTypes),
      conditions: ownerTag(lattice),
    },
    ...kindStatements(lattice, ['Get']),
    ...kindStatements(lattice, ['Update', 'Delete'], taggedBy(lattice)).filter(
      // The functions never delete a service network: that takes `--allow-prune` on the command line.
      (s) => !s.actions.includes('vpc-lattice:DeleteServiceNetwork'),
    ),
    targetCalls,
    {
      actions: ['vpc-lattice:PutAuthPolicy', 'vpc-lattice:GetAuthPolicy', 'vpc-lattice:DeleteAuthPolicy'],
      resources: arns(iamAuth, 'servicenetwork', 'service'),
    },
    // Lattice reads the VPC and its security groups with the caller's permissions when it associates the
    // VPC with a service network (and creates the service-linked role on the account's first resource).
    {
      actions: ['ec2:DescribeVpcs', 'ec2:DescribeSecurityGroups'],
      resources: lattice.length > 0 ? ['*'] : [],
    },
    {
      actions: ['iam:CreateServiceLinkedRole'],
      resources: unique(
        lattice.map(
          (t) =>
            `arn:${partitionOf(t.region)}:iam::${t.accountId}:role/aws-service-role/vpc-lattice.amazonaws.com/AWSServiceRoleForVpcLattice`,
        ),
      ),
      conditions: [
        { test: 'StringEquals', variable: 'iam:AWSServiceName', values: ['vpc-lattice.amazonaws.com'] },
      ],
    },
  ]);
}
