import type { DriftItem } from '../drift/drift-item.ts';
import type { CloudMapMember } from '../endpoints/endpoint-members.ts';
import type { FieldDiff } from '../plan/diff-spec.ts';
import type { CloudMapApi, CloudMapInstance, CloudMapService } from '../ports/cloud-map-api.ts';
import { cloudMapAttributes as attr, type CloudMapOptions } from './cloud-map-options.ts';
import type { EndpointCluster } from './cloud-map-session.ts';
import { CloudMapSession } from './cloud-map-session.ts';
import { inSubset, instanceAttributes } from './instance-attributes.ts';

interface InstanceDriftInput {
  targetId: string;
  cluster: EndpointCluster;
  cloudMap: CloudMapApi;
  members: readonly CloudMapMember[];
  options: CloudMapOptions;
}

const serviceKey = (ns: string, svc: string) => `cloudmap:${ns}/${svc}`;

/**
 * Cloud Map classified like every other resource, read-only: each node's service (Missing when it is not
 * there), each ready pod's instance (Missing, Modified in attributes or health, InSync), instances of a
 * node whose pod is gone (Unmanaged, pod-gone) and instances no node of the target claims (Unmanaged,
 * foreign-instance). Nothing is created or deregistered here; the sync repairs, drift only reports.
 */
export async function instanceDriftItems(input: InstanceDriftInput): Promise<DriftItem[]> {
  const session = new CloudMapSession(input.cluster, input.cloudMap, input.targetId, input.options);
  const byService = new Map<string, CloudMapMember[]>();
  for (const m of input.members) {
    const k = serviceKey(m.cloudMap.namespaceName, m.cloudMap.serviceName);
    byService.set(k, [...(byService.get(k) ?? []), m]);
  }
  const items: DriftItem[] = [];
  for (const [key, members] of byService) {
    const { namespaceName, serviceName } = members[0]!.cloudMap;
    const base = { provider: 'cloudmap' as const, namespace: namespaceName };
    let found: CloudMapService | undefined;
    try {
      const ns = await input.cloudMap.findNamespace(namespaceName);
      found = ns ? await input.cloudMap.findService(ns.id, serviceName) : undefined;
    } catch (error) {
      items.push({
        ...base,
        key,
        kind: 'CloudMapService',
        name: serviceName,
        state: 'Unknown',
        reason: 'list-failed',
        error: String((error as Error).message ?? error),
      });
      continue;
    }
    if (!found) {
      items.push({ ...base, key, kind: 'CloudMapService', name: serviceName, state: 'Missing' });
      continue;
    }
    const service = { ...found, namespaceName };
    items.push({
      ...base,
      key,
      kind: 'CloudMapService',
      name: serviceName,
      state: 'InSync',
      arn: service.arn,
    });
    const instances = await session.instancesOf(service.id);
    const health = service.customHealth ? await session.healthOf(service.id) : {};
    const claimed = new Set<string>();
    for (const member of members) {
      const subset = instances.filter((i) => inSubset(member, i.attributes));
      for (const i of subset) claimed.add(i.id);
      items.push(...(await memberItems(session, member, service, subset, health)));
    }
    for (const i of instances.filter((x) => !claimed.has(x.id)))
      items.push(instanceItem(service, i.id, undefined, { state: 'Unmanaged', reason: 'foreign-instance' }));
  }
  return items;
}

function instanceItem(
  service: CloudMapService & { namespaceName: string },
  id: string,
  node: { mesh: string; name: string } | undefined,
  state: Pick<DriftItem, 'state' | 'reason' | 'differences'>,
): DriftItem {
  return {
    key: `cloudmap:${service.namespaceName}/${service.name}/${id}`,
    provider: 'cloudmap',
    kind: 'CloudMapInstance',
    name: id,
    namespace: service.namespaceName,
    parentName: service.name,
    meshName: node?.mesh,
    node: node?.name,
    ...state,
  };
}

async function memberItems(
  session: CloudMapSession,
  member: CloudMapMember,
  service: CloudMapService & { namespaceName: string },
  subset: readonly CloudMapInstance[],
  health: Readonly<Record<string, string>>,
): Promise<DriftItem[]> {
  const pods = await session.podsOf(member);
  const nodes = pods.some((p) => p.nodeName) ? await session.nodes() : new Map();
  const live = new Map(subset.map((i) => [i.id, i.attributes]));
  const node = { mesh: member.meshName, name: member.name };
  const items: DriftItem[] = [];
  const expected = new Set<string>();
  for (const pod of pods) {
    const current = live.get(pod.ip);
    // A not-ready pod keeps its instance only with custom health; without one it is simply not expected.
    if (!pod.ready && (!service.customHealth || current === undefined)) continue;
    expected.add(pod.ip);
    if (current === undefined) {
      items.push(instanceItem(service, pod.ip, node, { state: 'Missing', reason: 'pod-not-registered' }));
      continue;
    }
    const want = instanceAttributes(
      member,
      pod,
      session.options,
      pod.nodeName ? nodes.get(pod.nodeName) : undefined,
    );
    const differences: FieldDiff[] = [...new Set([...Object.keys(want), ...Object.keys(current)])]
      .filter((k) => k !== attr.initHealth && want[k] !== current[k])
      .sort()
      .map((k) => ({ path: `attributes.${k}`, expected: want[k], actual: current[k] }));
    const wantHealth = pod.ready ? 'HEALTHY' : 'UNHEALTHY';
    if (service.customHealth && health[pod.ip] !== undefined && health[pod.ip] !== wantHealth)
      differences.push({ path: 'health', expected: wantHealth, actual: health[pod.ip] });
    items.push(
      instanceItem(
        service,
        pod.ip,
        node,
        differences.length === 0
          ? { state: 'InSync' }
          : {
              state: 'Modified',
              reason: differences.every((d) => d.path === 'health') ? 'health-changed' : 'spec-changed',
              differences,
            },
      ),
    );
  }
  for (const i of subset)
    if (!expected.has(i.id))
      items.push(instanceItem(service, i.id, node, { state: 'Unmanaged', reason: 'pod-gone' }));
  return items;
}
