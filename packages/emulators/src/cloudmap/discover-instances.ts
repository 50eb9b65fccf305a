import { type CloudMapContext, str } from './cloud-map-context.ts';
import { CloudMapError } from './cloud-map-errors.ts';
import type { StoredInstance, StoredNamespace, StoredService } from './cloud-map-state.ts';
import { healthOf } from './instance-operations.ts';

const httpName = (n: StoredNamespace): string =>
  (n.Properties as { HttpProperties?: { HttpName?: string } }).HttpProperties?.HttpName ?? n.Name;

/** The service a data-plane call names by namespace and service name (of OwnerAccount, default the caller). */
function discoveredService(ctx: CloudMapContext): { namespace: StoredNamespace; service: StoredService } {
  const owner = str(ctx, 'OwnerAccount') ?? ctx.caller;
  const namespaceName = str(ctx, 'NamespaceName') ?? '';
  const namespace = Object.values(ctx.state.namespaces).find(
    (n) => n.ResourceOwner === owner && httpName(n) === namespaceName,
  );
  if (!namespace) throw new CloudMapError('NamespaceNotFound', `Namespace ${namespaceName} not found`);
  const serviceName = str(ctx, 'ServiceName') ?? '';
  const service = Object.values(ctx.state.services).find(
    (s) => s.NamespaceId === namespace.Id && s.Name === serviceName,
  );
  if (!service)
    throw new CloudMapError('ServiceNotFound', `Service ${serviceName} not found in ${namespaceName}`);
  return { namespace, service };
}

const matchesAll = (i: StoredInstance, params: Record<string, string>) =>
  Object.entries(params).every(([k, v]) => i.Attributes[k] === v);

/**
 * DiscoverInstances (served on the `data-` host prefix): QueryParameters must all match, OptionalParameters
 * narrow the result only when some instance matches them all, and the health filter applies to services
 * with a health check. Without HealthStatus only healthy instances come back (inferred from the CLI's default).
 */
export function discoverInstances(ctx: CloudMapContext) {
  const { namespace, service } = discoveredService(ctx);
  const query = (ctx.input.QueryParameters as Record<string, string> | undefined) ?? {};
  const optional = (ctx.input.OptionalParameters as Record<string, string> | undefined) ?? {};
  let found = Object.values(ctx.state.instances[service.Id] ?? {})
    .filter((i) => matchesAll(i, query))
    .sort((a, b) => (a.Id < b.Id ? -1 : 1));
  const narrowed = found.filter((i) => matchesAll(i, optional));
  if (narrowed.length > 0) found = narrowed;
  const checked = Boolean(service.HealthCheckCustomConfig || service.HealthCheckConfig);
  if (checked) {
    const filter = str(ctx, 'HealthStatus') ?? 'HEALTHY';
    const healthy = found.filter((i) => healthOf(service, i) === 'HEALTHY');
    if (filter === 'HEALTHY') found = healthy;
    else if (filter === 'UNHEALTHY') found = found.filter((i) => healthOf(service, i) === 'UNHEALTHY');
    else if (filter === 'HEALTHY_OR_ELSE_ALL' && healthy.length > 0) found = healthy;
  }
  const limit = typeof ctx.input.MaxResults === 'number' ? ctx.input.MaxResults : 100;
  return {
    Instances: found.slice(0, limit).map((i) => ({
      InstanceId: i.Id,
      NamespaceName: httpName(namespace),
      ServiceName: service.Name,
      HealthStatus: healthOf(service, i),
      Attributes: { ...i.Attributes },
    })),
    InstancesRevision: ctx.state.revisions[service.Id] ?? 0,
  };
}

export function discoverInstancesRevision(ctx: CloudMapContext) {
  const { service } = discoveredService(ctx);
  return { InstancesRevision: ctx.state.revisions[service.Id] ?? 0 };
}
