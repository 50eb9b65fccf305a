import * as associations from './association-operations.ts';
import { validation } from './errors.ts';
import * as listeners from './listener-operations.ts';
import type { OperationName } from './model.generated.ts';
import * as networks from './network-operations.ts';
import type { Operation } from './operation-context.ts';
import * as policies from './policy-operations.ts';
import * as rules from './rule-operations.ts';
import * as services from './service-operations.ts';
import * as tags from './tag-operations.ts';
import * as targetGroups from './target-group-operations.ts';
import * as targets from './target-operations.ts';

/**
 * Resource configurations, resource gateways, domain verification and resource/VPC-endpoint associations are
 * outside the emulated scope (§2.3): their List calls answer an empty list, the rest ValidationException
 * with reason unknownOperation.
 */
const outOfScope = (operation: string): Operation =>
  operation.startsWith('List')
    ? () => ({ items: [] })
    : () => {
        throw validation(`${operation} is not supported by this emulator`, [], 'unknownOperation');
      };

const lower = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

const implemented: Record<string, Operation> = {
  ...associations,
  ...listeners,
  ...networks,
  ...policies,
  ...rules,
  ...services,
  ...tags,
  ...targetGroups,
  ...targets,
} as unknown as Record<string, Operation>;

const inScope = new Set([
  'BatchUpdateRule',
  'CreateAccessLogSubscription',
  'CreateListener',
  'CreateRule',
  'CreateService',
  'CreateServiceNetwork',
  'CreateServiceNetworkServiceAssociation',
  'CreateServiceNetworkVpcAssociation',
  'CreateTargetGroup',
  'DeleteAccessLogSubscription',
  'DeleteAuthPolicy',
  'DeleteListener',
  'DeleteResourcePolicy',
  'DeleteRule',
  'DeleteService',
  'DeleteServiceNetwork',
  'DeleteServiceNetworkServiceAssociation',
  'DeleteServiceNetworkVpcAssociation',
  'DeleteTargetGroup',
  'DeregisterTargets',
  'GetAccessLogSubscription',
  'GetAuthPolicy',
  'GetListener',
  'GetResourcePolicy',
  'GetRule',
  'GetService',
  'GetServiceNetwork',
  'GetServiceNetworkServiceAssociation',
  'GetServiceNetworkVpcAssociation',
  'GetTargetGroup',
  'ListAccessLogSubscriptions',
  'ListListeners',
  'ListRules',
  'ListServiceNetworkServiceAssociations',
  'ListServiceNetworkVpcAssociations',
  'ListServiceNetworks',
  'ListServices',
  'ListTagsForResource',
  'ListTargetGroups',
  'ListTargets',
  'PutAuthPolicy',
  'PutResourcePolicy',
  'RegisterTargets',
  'TagResource',
  'UntagResource',
  'UpdateAccessLogSubscription',
  'UpdateListener',
  'UpdateRule',
  'UpdateService',
  'UpdateServiceNetwork',
  'UpdateServiceNetworkVpcAssociation',
  'UpdateTargetGroup',
]);

/** The 52 operations in scope of specs/vpc-lattice.md §2.3. */
export const inScopeOperations: readonly string[] = [...inScope];

/** Every operation of the model: its handler, found by name (CreateService → createService). */
export function handlerFor(operation: OperationName): Operation {
  if (!inScope.has(operation)) return outOfScope(operation);
  const handler = implemented[lower(operation)];
  if (!handler) throw new Error(`VPC Lattice operation ${operation} has no handler`);
  return handler;
}
