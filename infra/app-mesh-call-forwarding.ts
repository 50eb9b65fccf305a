import { appMeshCallPattern, homeDefaultBusArn } from './drift';
import { ownRoleTargets } from './iam';
import { pascal, providerFor } from './regions';
import { targets } from './targets';

/**
 * CloudTrail puts an App Mesh call on the default bus of the region the call was made in, never on
 * another region's. For every region of a target reached with the functions' own role, other than the
 * deployment's, a rule on that region's default bus forwards the calls the drift check listens for to
 * the deployment's default bus, where its rule picks them up (the event keeps its region and account).
 * A target reached through a role in another account logs its calls in that account: forwarding those
 * is for that account's owner to set up (see the README).
 * SST_AWS_REGION is the home region SST itself deploys the functions to.
 */
const home = process.env.SST_AWS_REGION;
if (!home) throw new Error('SST_AWS_REGION is not set: the home region is unknown (deploy through sst)');
const regions = [...new Set(ownRoleTargets(targets).map((t) => t.region))].filter((r) => r !== home).sort();

/** What EventBridge assumes to put the forwarded events on the home bus, and nothing else. */
const forwardingRole =
  regions.length === 0
    ? undefined
    : new aws.iam.Role('MeshcdAppMeshCallForwardingRole', {
        assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'events.amazonaws.com' }),
        inlinePolicies: [
          {
            name: 'put-on-home-default-bus',
            policy: $jsonStringify({
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 'events:PutEvents', Resource: homeDefaultBusArn }],
            }),
          },
        ],
      });

export const appMeshCallForwarding = regions.map((region) => {
  const opts = { provider: providerFor('MeshcdTrail', region) };
  const name = `MeshcdAppMeshCalls${pascal(region)}`;
  const rule = new aws.cloudwatch.EventRule(
    `${name}Rule`,
    {
      description: `meshcd: App Mesh calls in ${region}, forwarded to the drift check's region`,
      eventBusName: 'default',
      eventPattern: $jsonStringify(appMeshCallPattern),
    },
    opts,
  );
  const target = new aws.cloudwatch.EventTarget(
    `${name}Target`,
    { rule: rule.name, eventBusName: 'default', arn: homeDefaultBusArn, roleArn: forwardingRole!.arn },
    opts,
  );
  return { region, rule, target };
});
