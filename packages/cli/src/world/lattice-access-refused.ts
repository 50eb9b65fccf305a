import { MeshcdError, type Target } from '@meshcd/core';

/**
 * The VPC Lattice actions `plan`, `drift` and `report --target` call for a Lattice target: every List and Get
 * of the kinds meshcd manages, the tags that say who owns what, and the registered targets. The README lists
 * the same actions for the user's IAM policy, and a test holds the two and the calls made to each other.
 */
export const latticeReadActions = [
  'vpc-lattice:ListServiceNetworks',
  'vpc-lattice:ListServiceNetworkVpcAssociations',
  'vpc-lattice:ListServiceNetworkServiceAssociations',
  'vpc-lattice:ListServices',
  'vpc-lattice:ListListeners',
  'vpc-lattice:ListRules',
  'vpc-lattice:ListTargetGroups',
  'vpc-lattice:ListTargets',
  'vpc-lattice:ListTagsForResource',
  'vpc-lattice:GetServiceNetwork',
  'vpc-lattice:GetServiceNetworkVpcAssociation',
  'vpc-lattice:GetServiceNetworkServiceAssociation',
  'vpc-lattice:GetService',
  'vpc-lattice:GetListener',
  'vpc-lattice:GetRule',
  'vpc-lattice:GetTargetGroup',
  'vpc-lattice:GetAuthPolicy',
] as const;

/**
 * An AccessDenied from VPC Lattice on a read, in the user's terms: who was refused, which action, and the read
 * actions to grant. AWS names the caller and the action ("User: arn:… is not authorized to perform:
 * vpc-lattice:ListServices on resource: …"); where the message does not, the action is the operation refused
 * (the adapter's message starts with it) and the identity the access key the request was signed with.
 */
export function latticeAccessRefused(
  error: unknown,
  target: Target,
  accessKeyId: string | undefined,
): unknown {
  if (!(error instanceof MeshcdError) || error.reason !== 'AccessDeniedException') return error;
  const said = /User: (\S+) is not authorized to perform: (\S+)/.exec(error.message);
  const operation = /^(\w+):/.exec(error.message)?.[1];
  const caller = said?.[1] ?? (accessKeyId ? `with access key ${accessKeyId}` : undefined);
  const action = said?.[2] ?? (operation ? `vpc-lattice:${operation}` : 'a VPC Lattice read');
  return new MeshcdError({
    phase: 'observe',
    reason: 'LatticeAccessDenied',
    message:
      `VPC Lattice of target ${target.id} (account ${target.accountId}, ${target.region}) does not let ` +
      `${caller ? `your AWS identity ${caller}` : 'your AWS identity'} call ${action} (${error.message}). ` +
      `Reading a Lattice target from the command line needs ${latticeReadActions.join(', ')} on "*"; ` +
      'an administrator can grant them in a policy on your role, or attach VPCLatticeReadOnlyAccess (see "Reading a deployed Lattice target" in the README)',
    cause: error,
  });
}
