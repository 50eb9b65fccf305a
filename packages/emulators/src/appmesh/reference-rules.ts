import { badRequest, notFound } from './errors.ts';
import type { OperationContext } from './operation-context.ts';
import { childrenOf, resourceKey, type StoredResource } from './service-state.ts';
import { listenerPorts, listenerProtocols, routeProtocol } from './spec-rules.ts';

/**
 * Rules that look at other resources (specs/appmesh-api.md §5): references must exist (NotFound) and
 * must fit what they point at (BadRequest). They run last, after validation, name conflicts and quotas.
 */
type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const find = (ctx: OperationContext, mesh: StoredResource, kind: StoredResource['kind'], name: string) =>
  ctx.state.resources[resourceKey(kind, mesh.meshOwner, mesh.meshName, name)];

/** The body of the route type a (gateway) route spec sets: `{match, action, …}`. */
const routeBody = (spec: Obj): Obj => {
  const type = routeProtocol(spec);
  return type === undefined ? {} : obj(spec[`${type}Route`]);
};

export function checkReferences(
  ctx: OperationContext,
  mesh: StoredResource,
  kind: StoredResource['kind'],
  spec: Obj,
  parent: StoredResource | undefined,
  existing: StoredResource | undefined,
): void {
  if (kind === 'route' && parent) checkRoute(ctx, mesh, spec, parent);
  else if (kind === 'virtualService') checkProvider(ctx, mesh, spec);
  else if (kind === 'gatewayRoute' && parent) checkGatewayRoute(ctx, mesh, spec, parent);
  else if (kind === 'virtualRouter' && existing) checkRouterUpdate(ctx, mesh, spec, existing);
}

function checkRoute(ctx: OperationContext, mesh: StoredResource, spec: Obj, router: StoredResource): void {
  const protocol = routeProtocol(spec);
  const protocols = listenerProtocols(router.spec);
  if (protocol !== undefined && protocols.length > 0 && !protocols.includes(protocol))
    throw badRequest(
      `Route protocol ${protocol} does not match any listener protocol of VirtualRouter ${router.name}: ${protocols.join(', ')}`,
    );
  const body = routeBody(spec);
  if (listenerPorts(router.spec).length > 1 && obj(body.match).port === undefined)
    throw badRequest('Route must define a port match criteria if the Virtual Router has multiple listeners');
  for (const raw of list(obj(body.action).weightedTargets)) {
    const target = obj(raw);
    const node = find(ctx, mesh, 'virtualNode', String(target.virtualNode));
    if (!node) throw notFound(`VirtualNode with name ${String(target.virtualNode)} is missing`);
    if (listenerPorts(node.spec).length > 1 && target.port === undefined)
      throw badRequest(
        `weightedTargets for VirtualNode ${node.name} must set a port: it has multiple listeners`,
      );
  }
}

function checkProvider(ctx: OperationContext, mesh: StoredResource, spec: Obj): void {
  if (!ctx.config.behaviours.checkProviderExistence) return;
  const provider = obj(spec.provider);
  const node = obj(provider.virtualNode).virtualNodeName;
  if (typeof node === 'string' && !find(ctx, mesh, 'virtualNode', node))
    throw notFound(`VirtualNode with name ${node} is not present under mesh ${mesh.meshName}`);
  const router = obj(provider.virtualRouter).virtualRouterName;
  if (typeof router === 'string' && !find(ctx, mesh, 'virtualRouter', router))
    throw notFound(`VirtualRouter with name ${router} is not present under mesh ${mesh.meshName}`);
}

function checkGatewayRoute(
  ctx: OperationContext,
  mesh: StoredResource,
  spec: Obj,
  gateway: StoredResource,
): void {
  const body = routeBody(spec);
  if (listenerPorts(gateway.spec).length > 1 && obj(body.match).port === undefined)
    throw badRequest(
      'GatewayRoute must define a port match criteria if the Virtual Gateway has multiple listeners',
    );
  const target = obj(obj(body.action).target);
  const serviceName = obj(target.virtualService).virtualServiceName;
  if (typeof serviceName !== 'string' || !ctx.config.behaviours.checkProviderExistence) return;
  const service = find(ctx, mesh, 'virtualService', serviceName);
  if (!service)
    throw notFound(`VirtualService with name ${serviceName} is not present under mesh ${mesh.meshName}`);
  const provider = obj(service.spec.provider);
  const providerName =
    obj(provider.virtualNode).virtualNodeName ?? obj(provider.virtualRouter).virtualRouterName ?? undefined;
  const providerKind = provider.virtualNode ? 'virtualNode' : 'virtualRouter';
  const providerResource =
    typeof providerName === 'string' ? find(ctx, mesh, providerKind, providerName) : undefined;
  if (providerResource && listenerPorts(providerResource.spec).length > 1 && target.port === undefined)
    throw badRequest(
      `target.port is required: the provider of VirtualService ${serviceName} has multiple listeners`,
    );
}

/** A router may gain listeners only once every route matches a port, and may not drop a protocol its routes use. */
function checkRouterUpdate(
  ctx: OperationContext,
  mesh: StoredResource,
  spec: Obj,
  router: StoredResource,
): void {
  const routes = childrenOf(ctx.state, mesh.meshOwner, mesh.meshName, 'route', router.name);
  if (listenerPorts(spec).length > 1) {
    const missing = routes.filter((r) => obj(routeBody(r.spec).match).port === undefined).map((r) => r.name);
    if (missing.length > 0)
      throw badRequest(
        `All Routes for this Virtual Router must define a port match before adding multiple listeners to this Virtual Router. ${missing.length} Route(s) are missing port. Listing up to 5 route names: [${missing.slice(0, 5).join(', ')}]`,
      );
  }
  const protocols = listenerProtocols(spec);
  const stranded = routes.find((r) => {
    const p = routeProtocol(r.spec);
    return p !== undefined && protocols.length > 0 && !protocols.includes(p);
  });
  if (stranded)
    throw badRequest(
      `VirtualRouter ${router.name} cannot drop protocol ${routeProtocol(stranded.spec)}: Route ${stranded.name} uses it`,
    );
}
