import { isIPv4, isIPv6 } from 'node:net';
import { runningOnInstance, submitOperation } from './async-operations.ts';
import { type CloudMapContext, instancesOf, serviceById, str } from './cloud-map-context.ts';
import { CloudMapError, invalidInput } from './cloud-map-errors.ts';
import type { StoredInstance, StoredService } from './cloud-map-state.ts';
import { pageOf } from './page-of.ts';
import { rememberedRequest } from './remembered-request.ts';

/** The attribute each DNS record type needs, as RegisterInstance documents them. */
const recordAttribute: Record<string, string> = {
  A: 'AWS_INSTANCE_IPV4',
  AAAA: 'AWS_INSTANCE_IPV6',
  SRV: 'AWS_INSTANCE_PORT',
  CNAME: 'AWS_INSTANCE_CNAME',
};

function checkAttributes(ctx: CloudMapContext, service: StoredService, attributes: Record<string, string>) {
  if (Object.keys(attributes).length > ctx.config.quotas.attributesPerInstance)
    throw invalidInput(`An instance can have at most ${ctx.config.quotas.attributesPerInstance} attributes`);
  const records =
    (service.DnsConfig as { DnsRecords?: Array<{ Type: string }> } | undefined)?.DnsRecords ?? [];
  for (const record of records) {
    const needed = recordAttribute[record.Type];
    if (needed && attributes[needed] === undefined)
      throw invalidInput(`Service ${service.Id} has a ${record.Type} record, so ${needed} is required`);
  }
  const ipv4 = attributes.AWS_INSTANCE_IPV4;
  if (ipv4 !== undefined && !isIPv4(ipv4))
    throw invalidInput(`AWS_INSTANCE_IPV4 ${ipv4} is not an IPv4 address`);
  const ipv6 = attributes.AWS_INSTANCE_IPV6;
  if (ipv6 !== undefined && !isIPv6(ipv6))
    throw invalidInput(`AWS_INSTANCE_IPV6 ${ipv6} is not an IPv6 address`);
  const port = attributes.AWS_INSTANCE_PORT;
  if (port !== undefined && !(/^\d+$/.test(port) && Number(port) >= 1 && Number(port) <= 65535))
    throw invalidInput(`AWS_INSTANCE_PORT ${port} is not a port number`);
  const init = attributes.AWS_INIT_HEALTH_STATUS;
  if (init !== undefined && init !== 'HEALTHY' && init !== 'UNHEALTHY')
    throw invalidInput('AWS_INIT_HEALTH_STATUS must be HEALTHY or UNHEALTHY');
}

/** An operation already running on this instance makes a second one a DuplicateRequest. */
function requireIdle(ctx: CloudMapContext, serviceId: string, instanceId: string): void {
  const running = runningOnInstance(ctx.state, serviceId, instanceId);
  if (running)
    throw new CloudMapError(
      'DuplicateRequest',
      `Operation ${running.Id} on instance ${instanceId} is in progress`,
      {
        DuplicateOperationId: running.Id,
      },
    );
}

/**
 * RegisterInstance: an upsert, asynchronous. The instance (or its new attributes) exists once the
 * operation completes; a custom-health service starts it at AWS_INIT_HEALTH_STATUS (default HEALTHY).
 */
export function registerInstance(ctx: CloudMapContext) {
  return rememberedRequest(ctx, 'RegisterInstance', () => {
    const service = serviceById(ctx, str(ctx, 'ServiceId'));
    const instanceId = str(ctx, 'InstanceId') ?? '';
    const attributes = { ...(ctx.input.Attributes as Record<string, string>) };
    checkAttributes(ctx, service, attributes);
    requireIdle(ctx, service.Id, instanceId);
    const instances = instancesOf(ctx, service.Id);
    if (!instances[instanceId] && Object.keys(instances).length >= ctx.config.quotas.instancesPerService)
      throw new CloudMapError(
        'ResourceLimitExceeded',
        `Service ${service.Id} already has ${ctx.config.quotas.instancesPerService} instances`,
      );
    const instance: StoredInstance = {
      Id: instanceId,
      ...(str(ctx, 'CreatorRequestId') !== undefined
        ? { CreatorRequestId: str(ctx, 'CreatorRequestId') }
        : {}),
      Attributes: attributes,
      CreatedByAccount: ctx.caller,
      ...(service.HealthCheckCustomConfig
        ? { health: attributes.AWS_INIT_HEALTH_STATUS === 'UNHEALTHY' ? 'UNHEALTHY' : 'HEALTHY' }
        : {}),
    };
    const OperationId = submitOperation(
      ctx,
      'REGISTER_INSTANCE',
      { SERVICE: service.Id, INSTANCE: instanceId },
      { kind: 'register-instance', serviceId: service.Id, instance },
    );
    return { OperationId };
  });
}

export function deregisterInstance(ctx: CloudMapContext) {
  const service = serviceById(ctx, str(ctx, 'ServiceId'));
  const instanceId = str(ctx, 'InstanceId') ?? '';
  requireIdle(ctx, service.Id, instanceId);
  if (!instancesOf(ctx, service.Id)[instanceId])
    throw new CloudMapError('InstanceNotFound', `No instance found with ID: ${instanceId}`);
  const OperationId = submitOperation(
    ctx,
    'DEREGISTER_INSTANCE',
    { SERVICE: service.Id, INSTANCE: instanceId },
    { kind: 'deregister-instance', serviceId: service.Id, instanceId },
  );
  return { OperationId };
}

function instanceIn(ctx: CloudMapContext, service: StoredService, instanceId: string): StoredInstance {
  const found = instancesOf(ctx, service.Id)[instanceId];
  if (!found) throw new CloudMapError('InstanceNotFound', `No instance found with ID: ${instanceId}`);
  return found;
}

const instanceView = (i: StoredInstance) => ({
  Id: i.Id,
  ...(i.CreatorRequestId ? { CreatorRequestId: i.CreatorRequestId } : {}),
  Attributes: { ...i.Attributes },
  CreatedByAccount: i.CreatedByAccount,
});

export function getInstance(ctx: CloudMapContext) {
  const service = serviceById(ctx, str(ctx, 'ServiceId'));
  return {
    ResourceOwner: service.ResourceOwner,
    Instance: instanceView(instanceIn(ctx, service, str(ctx, 'InstanceId') ?? '')),
  };
}

export function listInstances(ctx: CloudMapContext) {
  const service = serviceById(ctx, str(ctx, 'ServiceId'));
  const page = pageOf(
    ctx,
    Object.values(instancesOf(ctx, service.Id)),
    (i) => i.Id,
    `instances:${service.Id}`,
  );
  return {
    ResourceOwner: service.ResourceOwner,
    Instances: page.items.map(({ Id, Attributes, CreatedByAccount }) => ({
      Id,
      Attributes: { ...Attributes },
      CreatedByAccount,
    })),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
}

/** HEALTHY or UNHEALTHY for services with a health check; UNKNOWN for the rest (nothing checks them). */
export const healthOf = (
  service: StoredService,
  instance: StoredInstance,
): 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN' =>
  service.HealthCheckCustomConfig || service.HealthCheckConfig ? (instance.health ?? 'HEALTHY') : 'UNKNOWN';

export function getInstancesHealthStatus(ctx: CloudMapContext) {
  const service = serviceById(ctx, str(ctx, 'ServiceId'));
  const wanted = ctx.input.Instances as string[] | undefined;
  const all = wanted
    ? wanted.map((id) => instanceIn(ctx, service, id))
    : Object.values(instancesOf(ctx, service.Id));
  const page = pageOf(ctx, all, (i) => i.Id, `health:${service.Id}:${(wanted ?? []).join(',')}`);
  return {
    Status: Object.fromEntries(page.items.map((i) => [i.Id, healthOf(service, i)])),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
}

/** Only services made with HealthCheckCustomConfig take custom health reports; the change lands after a delay. */
export function updateInstanceCustomHealthStatus(ctx: CloudMapContext) {
  const service = serviceById(ctx, str(ctx, 'ServiceId'));
  const instance = instanceIn(ctx, service, str(ctx, 'InstanceId') ?? '');
  if (!service.HealthCheckCustomConfig)
    throw new CloudMapError('CustomHealthNotFound', `Service ${service.Id} has no custom health check`);
  const status = str(ctx, 'Status') as 'HEALTHY' | 'UNHEALTHY';
  if (ctx.config.customHealthDelayMs <= 0) {
    instance.health = status;
    delete instance.pendingHealth;
  } else if (instance.pendingHealth?.status !== status) {
    // A repeated report does not restart the wait, as the service documents.
    instance.pendingHealth = { status, at: ctx.config.now() + ctx.config.customHealthDelayMs };
  }
  return {};
}
