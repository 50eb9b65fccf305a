import { submitOperation } from './async-operations.ts';
import { type CloudMapContext, epochSeconds, namespaceById, serviceById, str } from './cloud-map-context.ts';
import { CloudMapError, invalidInput } from './cloud-map-errors.ts';
import type { StoredService, Tag } from './cloud-map-state.ts';
import { pageOf } from './page-of.ts';
import { rememberedRequest } from './remembered-request.ts';
import { checkTagCount } from './tag-operations.ts';

interface DnsConfigInput {
  NamespaceId?: string;
  RoutingPolicy?: 'MULTIVALUE' | 'WEIGHTED';
  DnsRecords: Array<{ Type: string; TTL: number }>;
}

/** The DNS settings rules the service checks beyond the model (record types, routing policy). */
function checkDnsConfig(dns: DnsConfigInput): DnsConfigInput {
  const types = dns.DnsRecords.map((r) => r.Type);
  if (new Set(types).size !== types.length) throw invalidInput('DnsRecords must not repeat a record type');
  const routingPolicy = dns.RoutingPolicy ?? 'MULTIVALUE';
  if (types.includes('CNAME') && (types.length > 1 || routingPolicy !== 'WEIGHTED'))
    throw invalidInput('A CNAME record must be the only record and needs the WEIGHTED routing policy');
  return { ...dns, RoutingPolicy: routingPolicy };
}

/**
 * CreateService: synchronous. The namespace must exist; the name is unique within it; DNS settings only
 * in a DNS namespace; a custom health check excludes a Route 53 one, which only public DNS allows.
 */
export function createService(ctx: CloudMapContext) {
  return rememberedRequest(ctx, 'CreateService', () => {
    const dnsInput = ctx.input.DnsConfig as DnsConfigInput | undefined;
    const namespace = namespaceById(ctx, str(ctx, 'NamespaceId') ?? dnsInput?.NamespaceId);
    const name = str(ctx, 'Name') ?? '';
    const clash = Object.values(ctx.state.services).find(
      (s) => s.NamespaceId === namespace.Id && s.Name.toLowerCase() === name.toLowerCase(),
    );
    if (clash)
      throw new CloudMapError('ServiceAlreadyExists', `Service ${name} already exists in ${namespace.Id}`, {
        ServiceId: clash.Id,
        ServiceArn: clash.Arn,
        ...(clash.CreatorRequestId ? { CreatorRequestId: clash.CreatorRequestId } : {}),
      });
    const httpOnly = str(ctx, 'Type') === 'HTTP';
    if (dnsInput && (namespace.Type === 'HTTP' || httpOnly))
      throw invalidInput(
        `DnsConfig is not allowed for ${httpOnly ? 'an HTTP service' : 'an HTTP namespace'}`,
      );
    const healthCheck = ctx.input.HealthCheckConfig as Record<string, unknown> | undefined;
    const custom = ctx.input.HealthCheckCustomConfig as { FailureThreshold?: number } | undefined;
    if (healthCheck && custom)
      throw invalidInput('HealthCheckConfig and HealthCheckCustomConfig cannot both be specified');
    if (healthCheck && namespace.Type !== 'DNS_PUBLIC')
      throw invalidInput('HealthCheckConfig is only allowed in a public DNS namespace');
    const tags = (ctx.input.Tags as Tag[] | undefined) ?? [];
    checkTagCount(ctx, tags.length, name);
    const id = `srv-${ctx.config.newId(16)}`;
    const { NamespaceId: _deprecated, ...dns } = dnsInput ? checkDnsConfig(dnsInput) : ({} as DnsConfigInput);
    const service: StoredService = {
      Id: id,
      Arn: `arn:aws:servicediscovery:${ctx.config.region}:${ctx.caller}:service/${id}`,
      Name: name,
      NamespaceId: namespace.Id,
      ...(str(ctx, 'Description') !== undefined ? { Description: str(ctx, 'Description') } : {}),
      Type: dnsInput ? 'DNS_HTTP' : 'HTTP',
      ...(dnsInput ? { DnsConfig: dns } : {}),
      ...(healthCheck ? { HealthCheckConfig: healthCheck } : {}),
      // FailureThreshold is no longer configurable: the service always keeps 1.
      ...(custom ? { HealthCheckCustomConfig: { FailureThreshold: 1 } } : {}),
      CreateDate: epochSeconds(ctx),
      ...(str(ctx, 'CreatorRequestId') !== undefined
        ? { CreatorRequestId: str(ctx, 'CreatorRequestId') }
        : {}),
      ResourceOwner: ctx.caller,
      CreatedByAccount: ctx.caller,
      Attributes: {},
    };
    ctx.state.services[id] = service;
    if (tags.length > 0) ctx.state.tags[service.Arn] = tags;
    return { Service: serviceView(ctx, service, false) };
  });
}

/** The service as the API returns it: Get/Create with CreatorRequestId, summaries without. */
export function serviceView(ctx: CloudMapContext, s: StoredService, summary: boolean) {
  const { Attributes: _attributes, CreatorRequestId, NamespaceId, ...rest } = s;
  const instanceCount = Object.keys(ctx.state.instances[s.Id] ?? {}).length;
  return {
    ...rest,
    InstanceCount: instanceCount,
    ...(summary ? {} : { NamespaceId, ...(CreatorRequestId ? { CreatorRequestId } : {}) }),
  };
}

export const getService = (ctx: CloudMapContext) => ({
  Service: serviceView(ctx, serviceById(ctx, str(ctx, 'Id')), false),
});

interface ServiceFilter {
  Name: 'NAMESPACE_ID' | 'RESOURCE_OWNER';
  Values: string[];
  Condition?: 'EQ' | 'IN' | 'BETWEEN' | 'BEGINS_WITH';
}

/** ListServices, with the NAMESPACE_ID filter (EQ or IN) the controller and meshcd look services up by. */
export function listServices(ctx: CloudMapContext) {
  const filters = (ctx.input.Filters as ServiceFilter[] | undefined) ?? [];
  for (const f of filters) {
    const condition = f.Condition ?? 'EQ';
    if (condition !== 'EQ' && condition !== 'IN') throw invalidInput(`${f.Name} filters take EQ or IN`);
    if (condition === 'EQ' && f.Values.length !== 1) throw invalidInput('EQ takes exactly one value');
  }
  const all = Object.values(ctx.state.services).filter(
    (s) =>
      s.ResourceOwner === ctx.caller &&
      filters.every((f) => f.Values.includes(f.Name === 'NAMESPACE_ID' ? s.NamespaceId : s.ResourceOwner)),
  );
  const page = pageOf(ctx, all, (s) => s.Id, 'services');
  return {
    Services: page.items.map((s) => serviceView(ctx, s, true)),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
}

/** UpdateService: description, DNS record TTLs and the Route 53 health check, asynchronously. */
export function updateService(ctx: CloudMapContext) {
  const service = serviceById(ctx, str(ctx, 'Id'));
  const change = (ctx.input.Service as Record<string, unknown> | undefined) ?? {};
  const changes: Record<string, unknown> = {};
  if (typeof change.Description === 'string') changes.Description = change.Description;
  const dns = change.DnsConfig as { DnsRecords: Array<{ Type: string; TTL: number }> } | undefined;
  if (dns) {
    if (!service.DnsConfig) throw invalidInput(`Service ${service.Id} has no DNS configuration`);
    changes.DnsConfig = { ...service.DnsConfig, DnsRecords: dns.DnsRecords };
  }
  if (change.HealthCheckConfig) {
    if (!service.HealthCheckConfig) throw invalidInput(`Service ${service.Id} has no Route 53 health check`);
    changes.HealthCheckConfig = change.HealthCheckConfig;
  }
  const OperationId = submitOperation(
    ctx,
    'UPDATE_SERVICE',
    { SERVICE: service.Id },
    { kind: 'update-service', serviceId: service.Id, changes },
  );
  return { OperationId };
}

/** DeleteService: refused while instances are registered (or being registered). */
export function deleteService(ctx: CloudMapContext) {
  const service = serviceById(ctx, str(ctx, 'Id'));
  const registering = Object.values(ctx.state.operations).some(
    (o) => o.effect?.kind === 'register-instance' && o.effect.serviceId === service.Id,
  );
  if (Object.keys(ctx.state.instances[service.Id] ?? {}).length > 0 || registering)
    throw new CloudMapError('ResourceInUse', `Service ${service.Id} still has registered instances`);
  delete ctx.state.services[service.Id];
  delete ctx.state.instances[service.Id];
  delete ctx.state.tags[service.Arn];
  return {};
}

export const getServiceAttributes = (ctx: CloudMapContext) => {
  const service = serviceById(ctx, str(ctx, 'ServiceId'));
  return { ServiceAttributes: { ServiceArn: service.Arn, Attributes: { ...service.Attributes } } };
};

export function updateServiceAttributes(ctx: CloudMapContext) {
  const service = serviceById(ctx, str(ctx, 'ServiceId'));
  const merged = { ...service.Attributes, ...(ctx.input.Attributes as Record<string, string>) };
  if (Object.keys(merged).length > ctx.config.quotas.serviceAttributesPerService)
    throw new CloudMapError(
      'ServiceAttributesLimitExceededException',
      `A service can have at most ${ctx.config.quotas.serviceAttributesPerService} attributes`,
    );
  service.Attributes = merged;
  return {};
}

export function deleteServiceAttributes(ctx: CloudMapContext) {
  const service = serviceById(ctx, str(ctx, 'ServiceId'));
  for (const key of (ctx.input.Attributes as string[]) ?? []) delete service.Attributes[key];
  return {};
}
