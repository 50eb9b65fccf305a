/**
 * Grants the check finds unused or over-broad today, each with why it stays for now. The check fails on
 * any finding not listed here and on any entry here it no longer finds, so the list only shrinks: fix
 * the grant (infra/) or extend the scenario in iam-check.test.ts until the call happens, then delete the
 * entry. Keyed by deployed function, then by action (as granted, or as expanded from a pattern).
 */
type Gaps = Record<string, string>;

const group = (actions: string[], why: string): Gaps => Object.fromEntries(actions.map((a) => [a, why]));

/** Cloud Map calls the scenario does not make yet: no node removed, no custom health, no HTTP namespace. */
const cloudMapNotExercised = group(
  [
    'servicediscovery:DeleteService',
    'servicediscovery:DeregisterInstance',
    'servicediscovery:UpdateInstanceCustomHealthStatus',
    'servicediscovery:GetInstancesHealthStatus',
    'servicediscovery:ListTagsForResource',
    'servicediscovery:CreateHttpNamespace',
    'servicediscovery:ListInstances',
    'servicediscovery:RegisterInstance',
  ],
  'made when a Cloud Map node is removed, has custom health, or a namespace has no VPC; one grant covers namespaces and services',
);

/** Namespace creation and the AWS-side calls Cloud Map makes for it with the caller's permissions. */
const namespaceCreation = group(
  ['route53:CreateHostedZone', 'servicediscovery:GetNamespace'],
  'Cloud Map creates a private DNS namespace’s hosted zone with the caller’s permissions; GetNamespace on * is to be scoped to namespace/*',
);

/** Tags go with CreateService (tag-on-create); TagResource is kept until the tag path is confirmed. */
const tagging = group(
  ['servicediscovery:TagResource'],
  'tag-on-create in CreateService; TagResource not called',
);

/** GetOperation is authorized on the namespace per the Service Authorization Reference; granted on *. */
const operations = group(['servicediscovery:GetOperation'], 'granted on *: to be scoped to namespace/*');

/**
 * Query is granted on the table (inventory, leases) and the byKind index (the deployed targets). The local
 * functions take their targets from the environment, so the scenario never lists them through the index.
 */
const targetsIndex = group(
  ['dynamodb:Query'],
  'the deployed targets are listed through the byKind index; local mode reads them from the environment',
);

/** Lattice writes the scenario's pushes do not make: it changes a rule's weights and prunes one node. */
const latticeNotExercised = group(
  [
    'vpc-lattice:ListTagsForResource',
    'vpc-lattice:UpdateServiceNetwork',
    'vpc-lattice:DeleteServiceNetwork',
    'vpc-lattice:UpdateServiceNetworkVpcAssociation',
    'vpc-lattice:DeleteServiceNetworkVpcAssociation',
    'vpc-lattice:UpdateService',
    'vpc-lattice:DeleteService',
    'vpc-lattice:DeleteServiceNetworkServiceAssociation',
    'vpc-lattice:UpdateListener',
    'vpc-lattice:DeleteListener',
    'vpc-lattice:DeleteRule',
    'vpc-lattice:UpdateTargetGroup',
  ],
  'made when a network, service, listener or route changes or leaves Git, or a resource’s ownership is in question',
);

export const knownGaps: Record<string, Gaps> = {
  Reconcile: {
    ...cloudMapNotExercised,
    ...namespaceCreation,
    ...tagging,
    ...operations,
    ...targetsIndex,
    ...group(
      ['appmesh:Describe*', 'appmesh:ListTagsForResource', 'appmesh:TagResource'],
      'Describe after an out-of-band change, tag reads of foreign resources and re-tagging are not in the scenario',
    ),
    ...latticeNotExercised,
  },
  ClusterEvent: {
    ...cloudMapNotExercised,
    ...namespaceCreation,
    ...tagging,
    ...operations,
    ...group(
      ['servicediscovery:CreateService', 'servicediscovery:CreatePrivateDnsNamespace'],
      'cloudMapPermissions grants service management to every Cloud Map function; cluster-event only registers',
    ),
    ...group(['dynamodb:Query'], 'the scenario’s pod events reach no workload check'),
  },
  DetectDrift: {
    ...cloudMapNotExercised,
    ...namespaceCreation,
    ...tagging,
    ...operations,
    ...group(
      ['servicediscovery:CreateService', 'servicediscovery:CreatePrivateDnsNamespace'],
      'cloudMapPermissions grants service management to every Cloud Map function; the drift run only resyncs',
    ),
    ...targetsIndex,
    ...group(
      ['appmesh:Describe*', 'appmesh:ListTagsForResource', 'eks:DescribeCluster', 'events:PutEvents'],
      'the scenario’s drift check finds nothing to describe or report',
    ),
    ...group(
      ['vpc-lattice:RegisterTargets', 'vpc-lattice:DeregisterTargets'],
      'the scenario’s drift run finds every target group in step with its pods',
    ),
    ...group(
      [
        'vpc-lattice:ListTagsForResource',
        ...[
          'ServiceNetwork',
          'ServiceNetworkVpcAssociation',
          'Service',
          'ServiceNetworkServiceAssociation',
          'Listener',
          'Rule',
          'TargetGroup',
        ].map((kind) => `vpc-lattice:Get${kind}`),
      ],
      'the scenario’s drift run finds every Lattice resource as meshcd last wrote it: Get and tag reads follow an out-of-band change',
    ),
    ...group(
      ['servicequotas:GetServiceQuota'],
      'local mode reads the documented quota defaults; on * it is to be scoped to quota ARNs',
    ),
  },
};
