import { createHash } from 'node:crypto';
import { conflict } from './errors.ts';
import { listPage } from './list-page.ts';
import { asCreated, newResource, presentMembers, requireAccountRoom } from './new-resource.ts';
import {
  type Operation,
  type OperationContext,
  requireOwner,
  resolve,
  str,
  visible,
} from './operation-context.ts';
import { removePoliciesAndLogs } from './policy-operations.ts';
import { view } from './render.ts';
import { resourcesOf, type StoredResource } from './service-state.ts';

const service = (ctx: OperationContext) => resolve(ctx, 'service', str(ctx, 'serviceIdentifier') as string);

/**
 * `<name>-<id without svc->.<partition>.vpc-lattice-svcs.<region>.on.aws` (§1.2). How AWS derives the 7-hex
 * partition id is undocumented (§7.15); here it is fixed per account.
 */
function dnsEntry(ctx: OperationContext, name: string, id: string) {
  const partition = createHash('sha256').update(ctx.caller).digest('hex').slice(0, 7);
  return {
    domainName: `${name}-${id.slice('svc-'.length)}.${partition}.vpc-lattice-svcs.${ctx.config.region}.on.aws`,
    hostedZoneId: `Z${createHash('sha256').update(ctx.config.region).digest('hex').slice(0, 20).toUpperCase()}`,
  };
}

export const createService: Operation = (ctx) => {
  const name = str(ctx, 'name') as string;
  requireAccountRoom(ctx, 'service', name, 'servicesPerRegion');
  const r = newResource(ctx, 'service', {
    name,
    attrs: {
      authType: ctx.input.authType ?? 'NONE',
      ...presentMembers(ctx.input, ['customDomainName', 'certificateArn', 'idleTimeoutSeconds']),
    },
  });
  r.attrs.dnsEntry = dnsEntry(ctx, name, r.id);
  return asCreated(view(ctx, r));
};

export const getService: Operation = (ctx) => view(ctx, service(ctx));

/** Certificate, auth type and idle timeout change; name and custom domain are fixed at creation (§3.6). */
export const updateService: Operation = (ctx) => {
  const r = service(ctx);
  requireOwner(ctx, r);
  Object.assign(r.attrs, presentMembers(ctx.input, ['certificateArn', 'authType', 'idleTimeoutSeconds']));
  r.lastUpdatedAt = ctx.now;
  return view(ctx, r);
};

/** Removes a service's listeners and their rules. */
export function removeListeners(ctx: OperationContext, svc: StoredResource, listenerId?: string): void {
  for (const r of Object.values(ctx.state.resources)) {
    if (r.serviceId !== svc.id) continue;
    if (listenerId !== undefined && r.id !== listenerId && r.listenerId !== listenerId) continue;
    if (r.kind === 'listener' || r.kind === 'rule') delete ctx.state.resources[r.id];
  }
}

/**
 * Refused while associated with any service network; takes listeners, rules, policies and log subscriptions
 * with it at once and answers DELETE_IN_PROGRESS until the deletion delay has passed (§3.3).
 */
export const deleteService: Operation = (ctx) => {
  const r = service(ctx);
  requireOwner(ctx, r);
  const associations = resourcesOf(
    ctx.state,
    'serviceNetworkServiceAssociation',
    (a) => a.attrs.serviceId === r.id,
  );
  if (associations.length > 0)
    throw conflict(
      'SERVICE',
      r.id,
      `Service ${r.id} is still associated with service networks through ${associations.map((a) => a.id).join(', ')}`,
    );
  if (r.goneAt === undefined) {
    removeListeners(ctx, r);
    removePoliciesAndLogs(ctx, r);
    r.goneAt = ctx.now + ctx.config.timing.deleteMs;
  }
  return view(ctx, r);
};

export const listServices: Operation = (ctx) =>
  listPage(
    ctx,
    resourcesOf(ctx.state, 'service', (r) => visible(ctx, r)),
    (r) => r.seq,
    'services',
    (r) => view(ctx, r),
  );
