import { conflict, LatticeError } from './errors.ts';
import type { OperationContext } from './operation-context.ts';
import { type QuotaName, quotaCodes } from './service-config.ts';
import { type Kind, kinds, resourcesOf, type StoredResource } from './service-state.ts';

/** The ARN of a new resource: listeners and rules nest under their service (and listener). */
function arnFor(
  ctx: OperationContext,
  kind: Kind,
  id: string,
  parents: { service?: StoredResource; listener?: StoredResource },
) {
  const base = `arn:aws:vpc-lattice:${ctx.config.region}:${ctx.caller}:`;
  if (kind === 'listener') return `${parents.service?.arn}/listener/${id}`;
  if (kind === 'rule') return `${parents.listener?.arn}/rule/${id}`;
  return `${base}${kinds[kind].arnPath}/${id}`;
}

const asyncKinds: ReadonlySet<Kind> = new Set([
  'service',
  'targetGroup',
  'serviceNetworkServiceAssociation',
  'serviceNetworkVpcAssociation',
]);

/** Creates and stores a resource of the caller's account; asynchronous kinds start CREATE_IN_PROGRESS. */
export function newResource(
  ctx: OperationContext,
  kind: Kind,
  fields: {
    name?: string;
    service?: StoredResource;
    listener?: StoredResource;
    attrs: Record<string, unknown>;
  },
): StoredResource {
  const id = `${kinds[kind].prefix}-${ctx.config.newIdSuffix()}`;
  ctx.state.seq += 1;
  const r: StoredResource = {
    kind,
    id,
    arn: arnFor(ctx, kind, id, fields),
    account: ctx.caller,
    seq: ctx.state.seq,
    createdAt: ctx.now,
    lastUpdatedAt: ctx.now,
    attrs: fields.attrs,
    tags: { ...((ctx.input.tags as Record<string, string> | undefined) ?? {}) },
    ...(fields.name !== undefined ? { name: fields.name } : {}),
    ...(fields.service ? { serviceId: fields.service.id } : {}),
    ...(fields.listener ? { listenerId: fields.listener.id } : {}),
    ...(asyncKinds.has(kind) ? { readyAt: ctx.now + ctx.config.timing.createMs } : {}),
  };
  ctx.state.resources[id] = r;
  return r;
}

/** Names unique per account (networks, services, target groups), kept taken while DELETE_IN_PROGRESS (§3.1). */
export function requireUniqueName(
  ctx: OperationContext,
  kind: Kind,
  name: string,
  scope: (r: StoredResource) => boolean = (r) => r.account === ctx.caller,
): void {
  const clash = resourcesOf(ctx.state, kind, (r) => r.name === name && scope(r))[0];
  if (clash)
    throw conflict(
      kinds[kind].resourceType,
      clash.id,
      `A ${kinds[kind].resourceType.toLowerCase().replaceAll('_', ' ')} named ${name} already exists (${clash.id})`,
    );
}

/** A new network, service or target group: its name free in the account and its per-region quota not reached. */
export function requireAccountRoom(ctx: OperationContext, kind: Kind, name: string, quota: QuotaName): void {
  requireUniqueName(ctx, kind, name);
  const owned = resourcesOf(ctx.state, kind, (r) => r.account === ctx.caller).length;
  requireQuota(ctx, quota, owned, kinds[kind].resourceType);
}

/** ServiceQuotaExceededException when `count` more would pass the quota (§3.9). */
export function requireQuota(
  ctx: OperationContext,
  quota: QuotaName,
  used: number,
  resourceType: string,
  resourceId?: string,
  adding = 1,
): void {
  const limit = ctx.config.quotas[quota];
  if (used + adding <= limit) return;
  throw new LatticeError(
    'ServiceQuotaExceededException',
    `Quota ${quota} (${quotaCodes[quota]}) of ${limit} exceeded: ${used} in use, ${adding} more requested`,
    {
      fields: {
        resourceType,
        serviceCode: 'vpc-lattice',
        quotaCode: quotaCodes[quota],
        ...(resourceId ? { resourceId } : {}),
      },
    },
  );
}

/** What a Create of an asynchronous kind answers: the resource as it starts, CREATE_IN_PROGRESS (§1.13). */
export const asCreated = (rendered: Record<string, unknown>) => ({
  ...rendered,
  status: 'CREATE_IN_PROGRESS',
});

/** The member values an Update* sets: only those present in the input. */
export function presentMembers(
  input: Record<string, unknown>,
  members: readonly string[],
): Record<string, unknown> {
  return Object.fromEntries(
    members.filter((m) => input[m] !== undefined && input[m] !== null).map((m) => [m, input[m]]),
  );
}
