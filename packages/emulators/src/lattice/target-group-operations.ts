import { conflict, invalidField } from './errors.ts';
import { listPage } from './list-page.ts';
import { asCreated, newResource, requireAccountRoom } from './new-resource.ts';
import {
  type Operation,
  type OperationContext,
  requireOwner,
  resolve,
  str,
  visible,
} from './operation-context.ts';
import { servicesUsing, targetGroupUsers, view } from './render.ts';
import { resourcesOf, statusOf } from './service-state.ts';

type Config = Record<string, unknown>;
type HealthCheck = Record<string, unknown>;

export const targetGroup = (ctx: OperationContext) =>
  resolve(ctx, 'targetGroup', str(ctx, 'targetGroupIdentifier') as string);

/** Health-check defaults (§1.7); 0 in a numeric member means "reset to the default". */
function fillHealthCheck(ctx: OperationContext, config: Config, given: HealthCheck | undefined): HealthCheck {
  const hc = { ...(given ?? {}) };
  if (hc.protocol === 'TCP' && ctx.config.behaviours.tcpHealthChecks === 'reject')
    throw invalidField('config.healthCheck.protocol', 'health checks support HTTP and HTTPS only');
  const defaults: HealthCheck = {
    enabled: config.protocol !== 'TCP' && config.protocolVersion !== 'HTTP2',
    protocol: config.protocol === 'HTTPS' ? 'HTTPS' : 'HTTP',
    protocolVersion: 'HTTP1',
    path: '/',
    healthCheckIntervalSeconds: 30,
    healthCheckTimeoutSeconds: 5,
    healthyThresholdCount: 5,
    unhealthyThresholdCount: 2,
    matcher: { httpCode: '200' },
  };
  for (const [k, v] of Object.entries(defaults)) if (hc[k] === undefined || hc[k] === 0) hc[k] = v;
  if (hc.port === 0) delete hc.port;
  return hc;
}

/** Type-specific config rules (§1.7): LAMBDA takes none of the network members, IP alone an address type. */
function normaliseConfig(ctx: OperationContext, type: string, given: Config | undefined): Config {
  const config: Config = { ...(given ?? {}) };
  if (type === 'LAMBDA') {
    for (const k of ['port', 'protocol', 'protocolVersion', 'ipAddressType', 'vpcIdentifier', 'healthCheck'])
      if (config[k] !== undefined)
        throw invalidField(`config.${k}`, 'is not allowed for a LAMBDA target group');
    return { lambdaEventStructureVersion: config.lambdaEventStructureVersion ?? 'V1' };
  }
  if (config.lambdaEventStructureVersion !== undefined)
    throw invalidField('config.lambdaEventStructureVersion', 'is only allowed for a LAMBDA target group');
  for (const k of ['protocol', 'vpcIdentifier'])
    if (config[k] === undefined) throw invalidField(`config.${k}`, `is required for a ${type} target group`);
  if (type !== 'IP' && config.ipAddressType !== undefined)
    throw invalidField('config.ipAddressType', 'is only allowed for an IP target group');
  if (type === 'ALB' && config.healthCheck !== undefined)
    throw invalidField('config.healthCheck', 'is not allowed for an ALB target group');
  config.port ??= config.protocol === 'HTTP' ? 80 : 443;
  if (config.protocol !== 'TCP') config.protocolVersion ??= 'HTTP1';
  if (type === 'IP') config.ipAddressType ??= 'IPV4';
  if (type !== 'ALB')
    config.healthCheck = fillHealthCheck(ctx, config, config.healthCheck as HealthCheck | undefined);
  return config;
}

export const createTargetGroup: Operation = (ctx) => {
  const name = str(ctx, 'name') as string;
  const type = str(ctx, 'type') as string;
  requireAccountRoom(ctx, 'targetGroup', name, 'targetGroupsPerRegion');
  const config = normaliseConfig(ctx, type, ctx.input.config as Config | undefined);
  return asCreated(view(ctx, newResource(ctx, 'targetGroup', { name, attrs: { type, config } })));
};

export const getTargetGroup: Operation = (ctx) => view(ctx, targetGroup(ctx));

/** Only the health check changes, merged over the old one with defaults filled (§3.6). */
export const updateTargetGroup: Operation = (ctx) => {
  const tg = targetGroup(ctx);
  requireOwner(ctx, tg);
  const config = tg.attrs.config as Config;
  if (tg.attrs.type === 'LAMBDA' || tg.attrs.type === 'ALB')
    throw invalidField('healthCheck', `a ${tg.attrs.type} target group has no health check`);
  const merged = { ...(config.healthCheck as HealthCheck), ...(ctx.input.healthCheck as HealthCheck) };
  tg.attrs.config = { ...config, healthCheck: fillHealthCheck(ctx, config, merged) };
  tg.lastUpdatedAt = ctx.now;
  return view(ctx, tg);
};

/**
 * Refused while a listener or rule forwards to it or while it is still being created; with targets still
 * registered it is allowed unless the §7.8 switch says otherwise (§3.3).
 */
export const deleteTargetGroup: Operation = (ctx) => {
  const tg = targetGroup(ctx);
  requireOwner(ctx, tg);
  const users = servicesUsing(ctx.state, tg.id);
  if (users.length > 0)
    throw conflict(
      'TARGET_GROUP',
      tg.id,
      `Target group ${tg.id} is used by a listener or rule of ${users.join(', ')}`,
    );
  if (statusOf(tg, ctx.now) === 'CREATE_IN_PROGRESS')
    throw conflict('TARGET_GROUP', tg.id, `Target group ${tg.id} is CREATE_IN_PROGRESS`);
  const targets = Object.keys(ctx.state.targets[tg.id] ?? {});
  if (targets.length > 0 && ctx.config.behaviours.deleteTargetGroupWithTargets === 'conflict')
    throw conflict(
      'TARGET_GROUP',
      tg.id,
      `Target group ${tg.id} still has ${targets.length} registered target(s)`,
    );
  tg.goneAt ??= ctx.now + ctx.config.timing.deleteMs;
  return view(ctx, tg);
};

export const listTargetGroups: Operation = (ctx) => {
  const vpc = str(ctx, 'vpcIdentifier');
  const type = str(ctx, 'targetGroupType');
  const all = resourcesOf(
    ctx.state,
    'targetGroup',
    (r) =>
      visible(ctx, r) &&
      (vpc === undefined || (r.attrs.config as Config).vpcIdentifier === vpc) &&
      (type === undefined || r.attrs.type === type),
  );
  const users = targetGroupUsers(ctx.state);
  return listPage(
    ctx,
    all,
    (r) => r.seq,
    `targetgroups:${vpc ?? ''}:${type ?? ''}`,
    (r) => view(ctx, r, users),
  );
};
