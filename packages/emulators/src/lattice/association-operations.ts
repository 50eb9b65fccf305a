import { accessDenied, conflict, validation } from './errors.ts';
import { listPage } from './list-page.ts';
import { asCreated, newResource, presentMembers, requireQuota } from './new-resource.ts';
import { idOf, type Operation, type OperationContext, resolve, str, visible } from './operation-context.ts';
import { view } from './render.ts';
import { resourcesOf, type StoredResource, statusOf } from './service-state.ts';

/** The caller must own the service or the network it associates (§1.9). */
function requireOneOwned(ctx: OperationContext, a: StoredResource, b: StoredResource): void {
  if (a.account !== ctx.caller && b.account !== ctx.caller)
    throw accessDenied(`Account ${ctx.caller} owns neither ${a.arn} nor ${b.arn}`);
}

/** An association may be deleted only when no create or update is in progress; the message names the status. */
function requireSettled(
  ctx: OperationContext,
  r: StoredResource,
  resourceType: Parameters<typeof conflict>[0],
): void {
  const status = statusOf(r, ctx.now);
  if (status === 'CREATE_IN_PROGRESS' || status === 'UPDATE_IN_PROGRESS')
    throw conflict(resourceType, r.id, `Association ${r.id} is ${status}`);
}

export const createServiceNetworkServiceAssociation: Operation = (ctx) => {
  const service = resolve(ctx, 'service', str(ctx, 'serviceIdentifier') as string);
  const network = resolve(ctx, 'serviceNetwork', str(ctx, 'serviceNetworkIdentifier') as string);
  requireOneOwned(ctx, service, network);
  const inNetwork = resourcesOf(
    ctx.state,
    'serviceNetworkServiceAssociation',
    (a) => a.attrs.serviceNetworkId === network.id,
  );
  const pair = inNetwork.find((a) => a.attrs.serviceId === service.id);
  if (pair)
    throw conflict(
      'SERVICE_NETWORK_SERVICE_ASSOCIATION',
      pair.id,
      `Service ${service.id} is already associated with ${network.id} (${pair.id}, ${statusOf(pair, ctx.now)})`,
    );
  const domain = service.attrs.customDomainName;
  const sameDomain =
    domain === undefined
      ? undefined
      : inNetwork.find(
          (a) => ctx.state.resources[a.attrs.serviceId as string]?.attrs.customDomainName === domain,
        );
  if (sameDomain)
    throw conflict(
      'SERVICE_NETWORK_SERVICE_ASSOCIATION',
      sameDomain.id,
      `Service network ${network.id} already has a service with custom domain ${domain}`,
    );
  requireQuota(ctx, 'serviceAssociationsPerServiceNetwork', inNetwork.length, 'SERVICE_NETWORK', network.id);
  const r = newResource(ctx, 'serviceNetworkServiceAssociation', {
    attrs: { serviceId: service.id, serviceNetworkId: network.id, createdBy: ctx.caller },
  });
  return asCreated(view(ctx, r));
};

const snsa = (ctx: OperationContext) =>
  resolve(
    ctx,
    'serviceNetworkServiceAssociation',
    str(ctx, 'serviceNetworkServiceAssociationIdentifier') as string,
  );

export const getServiceNetworkServiceAssociation: Operation = (ctx) => view(ctx, snsa(ctx));

export const deleteServiceNetworkServiceAssociation: Operation = (ctx) => {
  const r = snsa(ctx);
  requireSettled(ctx, r, 'SERVICE_NETWORK_SERVICE_ASSOCIATION');
  r.goneAt ??= ctx.now + ctx.config.timing.deleteMs;
  return view(ctx, r);
};

/** Each list needs one of its two filters (§1.9). */
function requireFilter(ctx: OperationContext, members: [string, string]): void {
  if (members.every((m) => ctx.input[m] === undefined))
    throw validation(
      `Specify ${members[0]} or ${members[1]}`,
      members.map((name) => ({ name, message: 'one of the two is required' })),
    );
}

export const listServiceNetworkServiceAssociations: Operation = (ctx) => {
  requireFilter(ctx, ['serviceNetworkIdentifier', 'serviceIdentifier']);
  const network = str(ctx, 'serviceNetworkIdentifier');
  const service = str(ctx, 'serviceIdentifier');
  const all = resourcesOf(
    ctx.state,
    'serviceNetworkServiceAssociation',
    (a) =>
      visible(ctx, a) &&
      (network === undefined || a.attrs.serviceNetworkId === idOf(network)) &&
      (service === undefined || a.attrs.serviceId === idOf(service)),
  );
  return listPage(
    ctx,
    all,
    (r) => r.seq,
    `snsa:${network ?? ''}:${service ?? ''}`,
    (r) => view(ctx, r),
  );
};

export const createServiceNetworkVpcAssociation: Operation = (ctx) => {
  const network = resolve(ctx, 'serviceNetwork', str(ctx, 'serviceNetworkIdentifier') as string);
  const vpcId = str(ctx, 'vpcIdentifier') as string;
  const taken = resourcesOf(
    ctx.state,
    'serviceNetworkVpcAssociation',
    (a) => a.attrs.vpcId === vpcId && a.account === ctx.caller,
  )[0];
  if (taken)
    throw conflict(
      'SERVICE_NETWORK_VPC_ASSOCIATION',
      taken.id,
      `VPC ${vpcId} is already associated with service network ${taken.attrs.serviceNetworkId} (${taken.id}, ${statusOf(taken, ctx.now)})`,
    );
  const inNetwork = resourcesOf(
    ctx.state,
    'serviceNetworkVpcAssociation',
    (a) => a.attrs.serviceNetworkId === network.id,
  );
  requireQuota(ctx, 'vpcAssociationsPerServiceNetwork', inNetwork.length, 'SERVICE_NETWORK', network.id);
  const r = newResource(ctx, 'serviceNetworkVpcAssociation', {
    attrs: {
      serviceNetworkId: network.id,
      vpcId,
      createdBy: ctx.caller,
      securityGroupIds: ctx.input.securityGroupIds ?? [],
      ...presentMembers(ctx.input, ['privateDnsEnabled', 'dnsOptions']),
    },
  });
  return asCreated(view(ctx, r));
};

const snva = (ctx: OperationContext) =>
  resolve(ctx, 'serviceNetworkVpcAssociation', str(ctx, 'serviceNetworkVpcAssociationIdentifier') as string);

export const getServiceNetworkVpcAssociation: Operation = (ctx) => view(ctx, snva(ctx));

/** Only the security groups change, and at least one must remain (§1.9); UPDATE_IN_PROGRESS for the delay. */
export const updateServiceNetworkVpcAssociation: Operation = (ctx) => {
  const r = snva(ctx);
  requireSettled(ctx, r, 'SERVICE_NETWORK_VPC_ASSOCIATION');
  r.attrs.securityGroupIds = ctx.input.securityGroupIds;
  r.lastUpdatedAt = ctx.now;
  if (ctx.config.timing.createMs > 0) {
    r.readyAt = ctx.now + ctx.config.timing.createMs;
    r.updating = true;
  }
  return view(ctx, r);
};

export const deleteServiceNetworkVpcAssociation: Operation = (ctx) => {
  const r = snva(ctx);
  requireSettled(ctx, r, 'SERVICE_NETWORK_VPC_ASSOCIATION');
  r.goneAt ??= ctx.now + ctx.config.timing.deleteMs;
  return view(ctx, r);
};

export const listServiceNetworkVpcAssociations: Operation = (ctx) => {
  requireFilter(ctx, ['serviceNetworkIdentifier', 'vpcIdentifier']);
  const network = str(ctx, 'serviceNetworkIdentifier');
  const vpc = str(ctx, 'vpcIdentifier');
  const all = resourcesOf(
    ctx.state,
    'serviceNetworkVpcAssociation',
    (a) =>
      visible(ctx, a) &&
      (network === undefined || a.attrs.serviceNetworkId === idOf(network)) &&
      (vpc === undefined || a.attrs.vpcId === vpc),
  );
  return listPage(
    ctx,
    all,
    (r) => r.seq,
    `snva:${network ?? ''}:${vpc ?? ''}`,
    (r) => view(ctx, r),
  );
};
