import type { ShapeDef } from '../aws-common/model-types.ts';
import { shapes } from './model.generated.ts';
import { idOf, iso, type OperationContext } from './operation-context.ts';
import { type LatticeState, resourcesOf, type StoredResource, statusOf } from './service-state.ts';

/** Keeps only what a model shape has, recursively, so every answer carries exactly its output's members. */
export function fitToShape(shapeName: string, value: unknown): unknown {
  const shape: ShapeDef | undefined = shapes[shapeName];
  if (!shape || value === undefined || value === null) return value;
  if (shape.type === 'structure' && typeof value === 'object' && !Array.isArray(value)) {
    const out: Record<string, unknown> = {};
    for (const [name, member] of Object.entries(shape.members ?? {})) {
      const v = (value as Record<string, unknown>)[name];
      if (v !== undefined && v !== null) out[name] = fitToShape(member.shape, v);
    }
    return out;
  }
  if (shape.type === 'list' && Array.isArray(value))
    return value.map((v) => fitToShape(shape.member as string, v));
  return value;
}

/** Target groups a rule action or default action forwards to. */
export const forwardedGroups = (action: unknown): string[] =>
  (
    (action as { forward?: { targetGroups?: { targetGroupIdentifier: string }[] } } | undefined)?.forward
      ?.targetGroups ?? []
  ).map((t) => t.targetGroupIdentifier);

/** The action a listener (its default action) or a rule carries; nothing for other kinds. */
const actionOf = (r: StoredResource): unknown =>
  r.kind === 'listener' ? r.attrs.defaultAction : r.kind === 'rule' ? r.attrs.action : undefined;

/** Ids of the target groups a service's listeners and rules use. */
export function groupsUsedBy(state: LatticeState, serviceId: string): Set<string> {
  const used = new Set<string>();
  for (const r of Object.values(state.resources)) {
    if (r.serviceId !== serviceId) continue;
    for (const tg of forwardedGroups(actionOf(r))) used.add(idOf(tg));
  }
  return used;
}

/**
 * Target group id → the services whose listeners or rules forward to it (in the state's order), from two
 * passes over the state. Every question about who uses a target group is answered from this, so a List of
 * n target groups reads the state a fixed number of times, not once per group and service.
 */
export function targetGroupUsers(state: LatticeState): Map<string, StoredResource[]> {
  const groupsOf = new Map<string, Set<string>>();
  for (const r of Object.values(state.resources)) {
    if (r.serviceId === undefined) continue;
    for (const tg of forwardedGroups(actionOf(r))) {
      const groups = groupsOf.get(r.serviceId) ?? new Set<string>();
      groups.add(idOf(tg));
      groupsOf.set(r.serviceId, groups);
    }
  }
  const users = new Map<string, StoredResource[]>();
  for (const s of resourcesOf(state, 'service'))
    for (const tg of groupsOf.get(s.id) ?? []) {
      const list = users.get(tg) ?? [];
      list.push(s);
      users.set(tg, list);
    }
  return users;
}

/** ARNs of the services whose listeners or rules forward to a target group, in the services' order. */
export const servicesUsing = (
  state: LatticeState,
  tgId: string,
  users: Map<string, StoredResource[]> = targetGroupUsers(state),
): string[] => (users.get(tgId) ?? []).map((s) => s.arn);

const timestamps = (r: StoredResource) => ({
  createdAt: iso(r.createdAt),
  lastUpdatedAt: iso(r.lastUpdatedAt),
});

/**
 * Everything the API can say about a resource; each operation's output shape picks its part. `users` is
 * targetGroupUsers(state) when the caller renders many target groups from one state.
 */
export function view(
  ctx: OperationContext,
  r: StoredResource,
  users?: Map<string, StoredResource[]>,
): Record<string, unknown> {
  const { state, now } = ctx;
  const base = {
    id: r.id,
    arn: r.arn,
    ...(r.name !== undefined ? { name: r.name } : {}),
    ...timestamps(r),
    ...r.attrs,
  };
  switch (r.kind) {
    case 'serviceNetwork': {
      const live = (kind: 'serviceNetworkServiceAssociation' | 'serviceNetworkVpcAssociation') =>
        resourcesOf(state, kind, (a) => a.attrs.serviceNetworkId === r.id).length;
      return {
        ...base,
        numberOfAssociatedServices: live('serviceNetworkServiceAssociation'),
        numberOfAssociatedVPCs: live('serviceNetworkVpcAssociation'),
        numberOfAssociatedResourceConfigurations: 0,
      };
    }
    case 'service':
      return { ...base, status: statusOf(r, now) };
    case 'listener': {
      const service = state.resources[r.serviceId as string];
      return { ...base, serviceId: r.serviceId, serviceArn: service?.arn };
    }
    case 'rule': {
      if (!r.attrs.isDefault) return base;
      const listener = state.resources[r.listenerId as string];
      return { ...base, action: listener?.attrs.defaultAction };
    }
    case 'targetGroup': {
      const config = (r.attrs.config ?? {}) as Record<string, unknown>;
      return {
        ...base,
        status: statusOf(r, now),
        serviceArns: servicesUsing(state, r.id, users),
        port: config.port,
        protocol: config.protocol,
        ipAddressType: config.ipAddressType,
        vpcIdentifier: config.vpcIdentifier,
        lambdaEventStructureVersion: config.lambdaEventStructureVersion,
      };
    }
    case 'serviceNetworkServiceAssociation': {
      const service = state.resources[r.attrs.serviceId as string];
      const network = state.resources[r.attrs.serviceNetworkId as string];
      return {
        ...base,
        status: statusOf(r, now),
        serviceName: service?.name,
        serviceArn: service?.arn,
        serviceNetworkName: network?.name,
        serviceNetworkArn: network?.arn,
        dnsEntry: service?.attrs.dnsEntry,
        customDomainName: service?.attrs.customDomainName,
      };
    }
    case 'serviceNetworkVpcAssociation': {
      const network = state.resources[r.attrs.serviceNetworkId as string];
      return {
        ...base,
        status: statusOf(r, now),
        serviceNetworkName: network?.name,
        serviceNetworkArn: network?.arn,
      };
    }
    case 'accessLogSubscription':
      return base;
  }
}

/** The view of a resource fitted to an output (or list item) shape. */
export const render = (
  ctx: OperationContext,
  r: StoredResource,
  shapeName: string,
): Record<string, unknown> => fitToShape(shapeName, view(ctx, r)) as Record<string, unknown>;
