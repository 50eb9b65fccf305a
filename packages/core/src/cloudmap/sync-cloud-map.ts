import pLimit from 'p-limit';
import { type CloudMapMember, registrationKey } from '../endpoints/endpoint-members.ts';
import { MeshcdError } from '../errors/meshcd-error.ts';
import { ownerTagKey } from '../plan/ownership.ts';
import type { CloudMapApi } from '../ports/cloud-map-api.ts';
import { type CloudMapOptions, cloudMapHealthyCondition } from './cloud-map-options.ts';
import { CloudMapSession, type EndpointCluster } from './cloud-map-session.ts';
import { inSubset, instanceAttributes } from './instance-attributes.ts';
import { type DesiredInstance, type InstancePlan, isEmptyPlan, planInstances } from './plan-instances.ts';

type EndpointSyncStatus = 'in-sync' | 'changed' | 'failed';

/** What one VirtualNode's sync did to its subset of a Cloud Map service. */
export interface EndpointSyncOutcome {
  /** Inventory key of the VirtualNode. */
  member: string;
  namespaceName: string;
  serviceName: string;
  serviceId?: string;
  status: EndpointSyncStatus;
  registered: string[];
  deregistered: string[];
  healthReported: number;
  /** Pods whose Cloud Map readiness gate condition meshcd set True. */
  gatesOpened: number;
  /** The service was created by this sync, or deleted because its node left Git. */
  service?: 'created' | 'deleted';
  error?: { phase: string; reason: string; message: string; retryable: boolean };
}

interface SyncCloudMapInput {
  targetId: string;
  cluster: EndpointCluster;
  cloudMap: CloudMapApi;
  /** VirtualNodes whose instances follow their pods. */
  members: readonly CloudMapMember[];
  /** VirtualNodes that left Git: their subsets are emptied and services meshcd made for them deleted. */
  removed?: readonly CloudMapMember[];
  options: CloudMapOptions;
  /** Reuse the reads of an earlier step of the same event. */
  session?: CloudMapSession;
}

/**
 * Keeps Cloud Map instances following pods, one VirtualNode's subset at a time: pods (ready, or not
 * ready with custom health) → desired instances → the controller's register/deregister diff → writes,
 * each confirmed by GetOperation → health reports → the readiness gate opened for pods Cloud Map now
 * serves. Everything is read back from the live world, so any event order converges.
 */
export async function syncCloudMap(input: SyncCloudMapInput): Promise<EndpointSyncOutcome[]> {
  const session =
    input.session ?? new CloudMapSession(input.cluster, input.cloudMap, input.targetId, input.options);
  const removedKeys = new Set((input.removed ?? []).map(registrationKey));
  const kept = input.members.filter((m) => !removedKeys.has(registrationKey(m)));
  const outcomes = await Promise.all(kept.map((m) => syncMember(session, m, false)));
  // One after another: the last node leaving a shared service finds it empty and deletes it.
  for (const m of input.removed ?? []) outcomes.push(await syncMember(session, m, true, kept));
  return outcomes;
}

async function syncMember(
  session: CloudMapSession,
  member: CloudMapMember,
  removed: boolean,
  kept: readonly CloudMapMember[] = [],
): Promise<EndpointSyncOutcome> {
  const outcome: EndpointSyncOutcome = {
    member: member.key,
    namespaceName: member.cloudMap.namespaceName,
    serviceName: member.cloudMap.serviceName,
    status: 'in-sync',
    registered: [],
    deregistered: [],
    healthReported: 0,
    gatesOpened: 0,
  };
  try {
    const { service, created } = await session.resolve(member);
    outcome.serviceId = service.id;
    if (created) outcome.service = 'created';
    const api = session.cloudMap;
    const desired = removed ? [] : await desiredInstances(session, member);
    const existing = (await session.instancesOf(service.id)).filter((i) => inSubset(member, i.attributes));
    const health = service.customHealth ? await session.healthOf(service.id) : {};
    const plan = planInstances(desired, existing, service.customHealth, health);
    await applyInstancePlan(api, service.id, plan);
    outcome.registered = plan.register.map((r) => r.id);
    outcome.deregistered = [...plan.deregister];
    outcome.healthReported = plan.health.length;
    if (!isEmptyPlan(plan)) outcome.status = 'changed';
    if (!removed)
      outcome.gatesOpened = await openReadinessGates(
        session,
        member,
        desired,
        plan,
        service.customHealth,
        health,
      );
    if (removed && (await deletableService(session, member, service.id, service.arn, kept))) {
      await api.deleteService(service.id);
      outcome.service = 'deleted';
      outcome.status = 'changed';
    }
  } catch (error) {
    const e =
      error instanceof MeshcdError
        ? error
        : new MeshcdError({
            phase: 'endpoints',
            reason: 'cloudmap-failed',
            retryable: true,
            message: error instanceof Error ? error.message : String(error),
            cause: error,
          });
    outcome.status = 'failed';
    outcome.error = { phase: e.phase, reason: e.reason, message: e.message, retryable: e.retryable };
  }
  return outcome;
}

/** The node's pods as instances: id the pod IP, the controller's attributes, readiness from ContainersReady. */
async function desiredInstances(
  session: CloudMapSession,
  member: CloudMapMember,
): Promise<DesiredInstance[]> {
  const pods = await session.podsOf(member);
  const nodes = pods.some((p) => p.nodeName) ? await session.nodes() : new Map();
  return pods.map((pod) => ({
    id: pod.ip,
    attributes: instanceAttributes(
      member,
      pod,
      session.options,
      pod.nodeName ? nodes.get(pod.nodeName) : undefined,
    ),
    ready: pod.ready,
  }));
}

async function applyInstancePlan(api: CloudMapApi, serviceId: string, plan: InstancePlan): Promise<void> {
  // Cloud Map runs one operation per instance at a time; distinct instances go in parallel, a few at once.
  const limit = pLimit(8);
  await Promise.all([
    ...plan.register.map((r) => limit(() => api.registerInstance(serviceId, r.id, r.attributes))),
    ...plan.deregister.map((id) => limit(() => api.deregisterInstance(serviceId, id))),
  ]);
  await Promise.all(plan.health.map((h) => limit(() => api.setHealth(serviceId, h.id, h.status))));
}

/**
 * The injected readiness gate holds a pod out of Service endpoints until Cloud Map serves it: once its
 * instance is registered and (with custom health) reported healthy, the condition is set True. The
 * controller waited 20 s of stable probes; here the writes were confirmed by GetOperation just before.
 */
async function openReadinessGates(
  session: CloudMapSession,
  member: CloudMapMember,
  desired: readonly DesiredInstance[],
  plan: InstancePlan,
  customHealth: boolean,
  healthBefore: Record<string, string>,
): Promise<number> {
  const pods = await session.podsIn(member.namespace);
  const byIp = new Map(pods.map((p) => [p.ip, p]));
  const existing = new Set(
    (await session.instancesOf((await session.resolve(member)).service.id)).map((i) => i.id),
  );
  const registered = new Set(plan.register.map((r) => r.id));
  const reported = new Map(plan.health.map((h) => [h.id, h.status]));
  let opened = 0;
  for (const d of desired) {
    if (!d.ready) continue;
    const pod = byIp.get(d.id);
    if (!pod || pod.conditions[cloudMapHealthyCondition] === 'True') continue;
    if (!existing.has(d.id) && !registered.has(d.id)) continue;
    const healthy = !customHealth || (reported.get(d.id) ?? healthBefore[d.id] ?? 'HEALTHY') === 'HEALTHY';
    if (!healthy) continue;
    await session.cluster.setPodCondition(
      { namespace: pod.namespace, name: pod.podName },
      { type: cloudMapHealthyCondition, status: 'True' },
    );
    opened++;
  }
  return opened;
}

/** A service meshcd created (its tag) that no remaining node uses and that holds no instance any more. */
async function deletableService(
  session: CloudMapSession,
  member: CloudMapMember,
  serviceId: string,
  arn: string,
  kept: readonly CloudMapMember[],
): Promise<boolean> {
  const shared = kept.some(
    (m) =>
      m.cloudMap.namespaceName === member.cloudMap.namespaceName &&
      m.cloudMap.serviceName === member.cloudMap.serviceName,
  );
  if (shared) return false;
  const tags = await session.cloudMap.listTags(arn);
  if (tags[ownerTagKey] !== session.targetId) return false;
  return (await session.cloudMap.listInstances(serviceId)).length === 0;
}
