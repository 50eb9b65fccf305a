import {
  GetRuleCommand,
  ListListenersCommand,
  ListRulesCommand,
  ListServicesCommand,
  ListTagsForResourceCommand,
  ListTargetGroupsCommand,
  ListTargetsCommand,
  type VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';

/** A target group as Lattice holds it: the App Mesh object it came from (meshcd's tag), its live targets. */
export interface TargetGroupView {
  name: string;
  /** `VirtualNode/<namespace>/<name>`: the node whose pods are its targets. */
  source: string;
  /** Registered targets (a deregistered one draining is gone for the story), by IP, sorted. */
  targets: Array<{ ip: string; port: number; status: string }>;
}

/** Every target group and its targets, read with the VPC Lattice SDK as an operator would. */
export async function targetGroups(lattice: VPCLatticeClient): Promise<TargetGroupView[]> {
  const groups = (await lattice.send(new ListTargetGroupsCommand({}))).items ?? [];
  const views = await Promise.all(
    groups.map(async (g) => {
      const { tags } = await lattice.send(new ListTagsForResourceCommand({ resourceArn: g.arn }));
      const { items } = await lattice.send(new ListTargetsCommand({ targetGroupIdentifier: g.id }));
      const targets = (items ?? [])
        .filter((t) => t.status !== 'DRAINING')
        .map((t) => ({ ip: t.id ?? '', port: t.port ?? 0, status: t.status ?? '' }))
        .sort((a, b) => a.ip.localeCompare(b.ip));
      return { name: g.name ?? '', source: tags?.['meshcd:source'] ?? '', targets };
    }),
  );
  return views.sort((a, b) => a.name.localeCompare(b.name));
}

/** The weighted forward of the listener rule `ruleName`, by target group name, as Lattice holds it. */
export async function ruleWeights(
  lattice: VPCLatticeClient,
  ruleName: string,
): Promise<Array<{ targetGroup: string; weight: number }>> {
  const groups = (await lattice.send(new ListTargetGroupsCommand({}))).items ?? [];
  const groupName = new Map(groups.map((g) => [g.id, g.name ?? '']));
  for (const service of (await lattice.send(new ListServicesCommand({}))).items ?? []) {
    const listeners = await lattice.send(new ListListenersCommand({ serviceIdentifier: service.id }));
    for (const listener of listeners.items ?? []) {
      const ids = { serviceIdentifier: service.id, listenerIdentifier: listener.id };
      const rule = ((await lattice.send(new ListRulesCommand(ids))).items ?? []).find(
        (r) => r.name === ruleName,
      );
      if (!rule) continue;
      const { action } = await lattice.send(new GetRuleCommand({ ...ids, ruleIdentifier: rule.id }));
      return (action?.forward?.targetGroups ?? []).map((t) => ({
        targetGroup: groupName.get(t.targetGroupIdentifier) ?? t.targetGroupIdentifier ?? '',
        weight: t.weight ?? 0,
      }));
    }
  }
  return [];
}
