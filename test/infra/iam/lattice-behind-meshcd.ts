import {
  CreateServiceNetworkVpcAssociationCommand,
  CreateTargetGroupCommand,
  ListListenersCommand,
  ListRulesCommand,
  ListServiceNetworksCommand,
  ListServiceNetworkVpcAssociationsCommand,
  ListServicesCommand,
  ListTargetGroupsCommand,
  UpdateListenerCommand,
  UpdateRuleCommand,
  UpdateServiceCommand,
  UpdateServiceNetworkCommand,
  UpdateServiceNetworkVpcAssociationCommand,
  UpdateTargetGroupCommand,
} from '@aws-sdk/client-vpc-lattice';
import { latticeClientFor } from '@meshcd/emulators';

/** The security groups the scenario's Lattice target asks for, and the one someone swaps in behind its back. */
export const latticeSecurityGroups = { meshcd: 'sg-0123456789abcdef0', other: 'sg-0fedcba9876543210' };

const first = <T>(items: T[] | undefined, what: string): T => {
  if (!items?.[0]) throw new Error(`no ${what} in the Lattice emulator to change`);
  return items[0];
};

/**
 * Someone changes meshcd's Lattice resources by hand, one of each kind Lattice can update. The next run
 * reads each changed resource (Get); a push puts it back (Update, allowed only on what carries meshcd's
 * tag), a drift check reports it.
 */
export async function changeLatticeBehindMeshcd(
  lattice: { endpoint: string; accountId: string; region: string },
  target: { accountId: string; region: string },
): Promise<void> {
  const client = latticeClientFor(lattice, target);
  try {
    const network = first((await client.send(new ListServiceNetworksCommand({}))).items, 'service network');
    const service = first((await client.send(new ListServicesCommand({}))).items, 'service');
    const association = first(
      (
        await client.send(
          new ListServiceNetworkVpcAssociationsCommand({ serviceNetworkIdentifier: network.id }),
        )
      ).items,
      'VPC association',
    );
    const listener = first(
      (await client.send(new ListListenersCommand({ serviceIdentifier: service.id }))).items,
      'listener',
    );
    const rule = first(
      (
        await client.send(
          new ListRulesCommand({ serviceIdentifier: service.id, listenerIdentifier: listener.id }),
        )
      ).items?.filter((r) => !r.isDefault),
      'rule',
    );
    const group = first(
      (await client.send(new ListTargetGroupsCommand({}))).items?.filter((g) => g.serviceArns?.length),
      'target group in use',
    );
    await client.send(
      new UpdateServiceNetworkCommand({ serviceNetworkIdentifier: network.id, authType: 'AWS_IAM' }),
    );
    await client.send(new UpdateServiceCommand({ serviceIdentifier: service.id, authType: 'AWS_IAM' }));
    await client.send(
      new UpdateListenerCommand({
        serviceIdentifier: service.id,
        listenerIdentifier: listener.id,
        defaultAction: { fixedResponse: { statusCode: 500 } },
      }),
    );
    await client.send(
      new UpdateRuleCommand({
        serviceIdentifier: service.id,
        listenerIdentifier: listener.id,
        ruleIdentifier: rule.id,
        action: { fixedResponse: { statusCode: 404 } },
      }),
    );
    await client.send(
      new UpdateTargetGroupCommand({
        targetGroupIdentifier: group.id,
        healthCheck: { enabled: true, path: '/out-of-band' },
      }),
    );
    await client.send(
      new UpdateServiceNetworkVpcAssociationCommand({
        serviceNetworkVpcAssociationIdentifier: association.id,
        securityGroupIds: [latticeSecurityGroups.other],
      }),
    );
  } finally {
    client.destroy();
  }
}

/** Someone makes a target group of their own in the region: meshcd reads its tags and leaves it be. */
export async function createForeignTargetGroup(
  lattice: { endpoint: string; accountId: string; region: string },
  target: { accountId: string; region: string },
  vpcId: string,
): Promise<void> {
  const client = latticeClientFor(lattice, target);
  try {
    await client.send(
      new CreateTargetGroupCommand({
        name: 'someone-elses',
        type: 'IP',
        config: { port: 80, protocol: 'HTTP', vpcIdentifier: vpcId },
      }),
    );
  } finally {
    client.destroy();
  }
}

/**
 * The association of meshcd's service network with a VPC the target named before it moved to another
 * one, tagged as meshcd's: Git no longer asks for it, so the next push deletes it.
 */
export async function leaveOldVpcAssociation(
  lattice: { endpoint: string; accountId: string; region: string },
  target: { accountId: string; region: string; id: string },
  oldVpcId: string,
): Promise<void> {
  const client = latticeClientFor(lattice, target);
  try {
    const network = first((await client.send(new ListServiceNetworksCommand({}))).items, 'service network');
    await client.send(
      new CreateServiceNetworkVpcAssociationCommand({
        serviceNetworkIdentifier: network.id,
        vpcIdentifier: oldVpcId,
        tags: { 'meshcd:target': target.id },
      }),
    );
  } finally {
    client.destroy();
  }
}

/** A node's listener with a health check: changing it in Git updates the node's target group. */
export const withHealthCheck = (manifest: string, nodeName: string) =>
  manifest.replace(
    new RegExp(
      `(metadata: \\{ name: ${nodeName}, namespace: shop \\}[\\s\\S]*?portMapping: \\{ port: 8080, protocol: http \\})`,
    ),
    '$1\n      healthCheck: { protocol: http, path: /healthz, healthyThreshold: 2, unhealthyThreshold: 3, timeoutMillis: 2000, intervalMillis: 10000 }',
  );
