import { conflict } from './errors.ts';
import { listPage } from './list-page.ts';
import { newResource, requireAccountRoom } from './new-resource.ts';
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
import { resourcesOf } from './service-state.ts';

const network = (ctx: OperationContext) =>
  resolve(ctx, 'serviceNetwork', str(ctx, 'serviceNetworkIdentifier') as string);

export const createServiceNetwork: Operation = (ctx) => {
  const name = str(ctx, 'name') as string;
  requireAccountRoom(ctx, 'serviceNetwork', name, 'serviceNetworksPerRegion');
  const r = newResource(ctx, 'serviceNetwork', {
    name,
    attrs: {
      authType: ctx.input.authType ?? 'NONE',
      ...(ctx.input.sharingConfig ? { sharingConfig: ctx.input.sharingConfig } : {}),
    },
  });
  return view(ctx, r);
};

export const getServiceNetwork: Operation = (ctx) => view(ctx, network(ctx));

export const updateServiceNetwork: Operation = (ctx) => {
  const r = network(ctx);
  requireOwner(ctx, r);
  r.attrs.authType = ctx.input.authType;
  r.lastUpdatedAt = ctx.now;
  return view(ctx, r);
};

/** Refused while any service or VPC is associated; takes its policies and log subscriptions with it (§3.3). */
export const deleteServiceNetwork: Operation = (ctx) => {
  const r = network(ctx);
  requireOwner(ctx, r);
  const associated = [
    ...resourcesOf(ctx.state, 'serviceNetworkServiceAssociation', (a) => a.attrs.serviceNetworkId === r.id),
    ...resourcesOf(ctx.state, 'serviceNetworkVpcAssociation', (a) => a.attrs.serviceNetworkId === r.id),
  ];
  if (associated.length > 0)
    throw conflict(
      'SERVICE_NETWORK',
      r.id,
      `Service network ${r.id} still has ${associated.length} association(s): ${associated.map((a) => a.id).join(', ')}`,
    );
  removePoliciesAndLogs(ctx, r);
  delete ctx.state.resources[r.id];
  return {};
};

export const listServiceNetworks: Operation = (ctx) =>
  listPage(
    ctx,
    resourcesOf(ctx.state, 'serviceNetwork', (r) => visible(ctx, r)),
    (r) => r.seq,
    'servicenetworks',
    (r) => view(ctx, r),
  );
