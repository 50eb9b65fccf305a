import { invalidField, notFound } from './errors.ts';
import { listPage } from './list-page.ts';
import { newResource } from './new-resource.ts';
import {
  idOf,
  iso,
  type Operation,
  type OperationContext,
  requireOwner,
  resolve,
  str,
} from './operation-context.ts';
import { view } from './render.ts';
import { resourcesOf, type StoredResource } from './service-state.ts';

/** A network or service by id or ARN: what auth policies, resource policies and access logs attach to. */
function networkOrService(ctx: OperationContext, identifier: string): StoredResource {
  const id = idOf(identifier);
  if (id.startsWith('sn-')) return resolve(ctx, 'serviceNetwork', identifier);
  if (id.startsWith('svc-')) return resolve(ctx, 'service', identifier);
  // Resource configurations (rcfg-) are outside the emulated scope.
  throw notFound('SERVICE', identifier);
}

/** Policies are single-line JSON documents (§1.10). */
function checkPolicy(field: string, policy: string, maxBytes?: number): void {
  if (/[\r\n]/.test(policy)) throw invalidField(field, 'must not contain newlines or blank lines');
  try {
    JSON.parse(policy);
  } catch {
    throw invalidField(field, 'must be a JSON policy document');
  }
  if (maxBytes !== undefined && Buffer.byteLength(policy) > maxBytes)
    throw invalidField(
      field,
      `is ${Buffer.byteLength(policy)} bytes; the auth policy size quota is ${maxBytes} bytes`,
    );
}

/** Removes what hangs off a network or service that is being deleted (§3.3). */
export function removePoliciesAndLogs(ctx: OperationContext, r: StoredResource): void {
  delete ctx.state.authPolicies[r.id];
  delete ctx.state.resourcePolicies[r.arn];
  for (const als of resourcesOf(ctx.state, 'accessLogSubscription', (a) => a.attrs.resourceId === r.id))
    delete ctx.state.resources[als.id];
}

const authState = (r: StoredResource) => (r.attrs.authType === 'AWS_IAM' ? 'Active' : 'Inactive');

export const putAuthPolicy: Operation = (ctx) => {
  const r = networkOrService(ctx, str(ctx, 'resourceIdentifier') as string);
  requireOwner(ctx, r);
  const policy = str(ctx, 'policy') as string;
  checkPolicy('policy', policy, ctx.config.quotas.authPolicyBytes);
  const old = ctx.state.authPolicies[r.id];
  ctx.state.authPolicies[r.id] = { policy, createdAt: old?.createdAt ?? ctx.now, lastUpdatedAt: ctx.now };
  return { policy, state: authState(r) };
};

export const getAuthPolicy: Operation = (ctx) => {
  const r = networkOrService(ctx, str(ctx, 'resourceIdentifier') as string);
  const p = ctx.state.authPolicies[r.id];
  if (!p) throw notFound('AUTH_POLICY', r.id, `${r.id} has no auth policy`);
  return {
    policy: p.policy,
    state: authState(r),
    createdAt: iso(p.createdAt),
    lastUpdatedAt: iso(p.lastUpdatedAt),
  };
};

/** With authType AWS_IAM the resource then denies every request (§3.3). */
export const deleteAuthPolicy: Operation = (ctx) => {
  const r = networkOrService(ctx, str(ctx, 'resourceIdentifier') as string);
  requireOwner(ctx, r);
  if (!ctx.state.authPolicies[r.id]) throw notFound('AUTH_POLICY', r.id, `${r.id} has no auth policy`);
  delete ctx.state.authPolicies[r.id];
  return {};
};

export const putResourcePolicy: Operation = (ctx) => {
  const r = networkOrService(ctx, str(ctx, 'resourceArn') as string);
  requireOwner(ctx, r);
  const policy = str(ctx, 'policy') as string;
  checkPolicy('policy', policy);
  ctx.state.resourcePolicies[r.arn] = policy;
  return {};
};

export const getResourcePolicy: Operation = (ctx) => {
  const r = networkOrService(ctx, str(ctx, 'resourceArn') as string);
  const policy = ctx.state.resourcePolicies[r.arn];
  if (policy === undefined) throw notFound('RESOURCE_POLICY', r.arn, `${r.arn} has no resource policy`);
  return { policy };
};

export const deleteResourcePolicy: Operation = (ctx) => {
  const r = networkOrService(ctx, str(ctx, 'resourceArn') as string);
  requireOwner(ctx, r);
  if (ctx.state.resourcePolicies[r.arn] === undefined)
    throw notFound('RESOURCE_POLICY', r.arn, `${r.arn} has no resource policy`);
  delete ctx.state.resourcePolicies[r.arn];
  return {};
};

/** CloudWatch Logs log group, S3 bucket or Firehose delivery stream (§3.2). */
function checkDestination(arn: string): void {
  const service = arn.split(':')[2];
  if (service !== 'logs' && service !== 's3' && service !== 'firehose')
    throw invalidField(
      'destinationArn',
      'must be a CloudWatch Logs log group, S3 bucket or Firehose delivery stream ARN',
    );
}

export const createAccessLogSubscription: Operation = (ctx) => {
  const target = networkOrService(ctx, str(ctx, 'resourceIdentifier') as string);
  requireOwner(ctx, target);
  const destinationArn = str(ctx, 'destinationArn') as string;
  checkDestination(destinationArn);
  const logType = ctx.input.serviceNetworkLogType;
  if (logType !== undefined && target.kind !== 'serviceNetwork')
    throw invalidField('serviceNetworkLogType', 'applies to service networks only');
  const r = newResource(ctx, 'accessLogSubscription', {
    attrs: {
      resourceId: target.id,
      resourceArn: target.arn,
      destinationArn,
      ...(target.kind === 'serviceNetwork' ? { serviceNetworkLogType: logType ?? 'SERVICE' } : {}),
    },
  });
  return view(ctx, r);
};

const subscription = (ctx: OperationContext) =>
  resolve(ctx, 'accessLogSubscription', str(ctx, 'accessLogSubscriptionIdentifier') as string);

export const getAccessLogSubscription: Operation = (ctx) => view(ctx, subscription(ctx));

/** Only the destination changes (§3.6). */
export const updateAccessLogSubscription: Operation = (ctx) => {
  const r = subscription(ctx);
  requireOwner(ctx, r);
  const destinationArn = str(ctx, 'destinationArn') as string;
  checkDestination(destinationArn);
  r.attrs.destinationArn = destinationArn;
  r.lastUpdatedAt = ctx.now;
  return view(ctx, r);
};

export const deleteAccessLogSubscription: Operation = (ctx) => {
  const r = subscription(ctx);
  requireOwner(ctx, r);
  delete ctx.state.resources[r.id];
  return {};
};

export const listAccessLogSubscriptions: Operation = (ctx) => {
  const target = networkOrService(ctx, str(ctx, 'resourceIdentifier') as string);
  const all = resourcesOf(ctx.state, 'accessLogSubscription', (a) => a.attrs.resourceId === target.id);
  return listPage(
    ctx,
    all,
    (r) => r.seq,
    `als:${target.id}`,
    (r) => view(ctx, r),
  );
};
