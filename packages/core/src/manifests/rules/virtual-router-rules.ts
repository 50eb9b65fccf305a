import type { PathSegment } from '../manifest-object.ts';
import type { HttpRouteCrd, RouteCrd, VirtualRouterCrdSpec } from '../schemas/virtual-router.ts';
import { checkUniquePorts } from './listener-rules.ts';
import { checkHeaderMatches, checkQueryParameters } from './match-rules.ts';
import type { RuleContext } from './rule-context.ts';

const ROUTE_TYPES = ['grpcRoute', 'http2Route', 'httpRoute', 'tcpRoute'] as const;
const PROTOCOL_OF = { grpcRoute: 'grpc', http2Route: 'http2', httpRoute: 'http', tcpRoute: 'tcp' } as const;

/**
 * VirtualRouter admission rules (unique route names, HTTP match shape) applied to HTTP and HTTP2 alike — the
 * controller checks HTTP2 only when HTTP is absent — plus the App Mesh route rules: one route type, a type that
 * matches a listener, a port match when there are several listeners, retry events, reference or ARN targets.
 */
export function checkVirtualRouter(ctx: RuleContext, spec: VirtualRouterCrdSpec): void {
  const listeners = spec.listeners ?? [];
  checkUniquePorts(ctx, listeners);
  const names = new Map<string, number>();
  spec.routes?.forEach((route, i) => {
    const path = ['spec', 'routes', i];
    const first = names.get(route.name);
    if (first !== undefined)
      ctx.fail([...path, 'name'], `route name "${route.name}" is already used by routes[${first}]`);
    else names.set(route.name, i);
    ctx.oneOf(route, path, ROUTE_TYPES);
    const type = ROUTE_TYPES.find((t) => route[t] !== undefined);
    if (!type) return;
    checkRouteProtocol(ctx, route, type, listeners, path);
    if (type === 'httpRoute' || type === 'http2Route') checkHttpMatch(ctx, route[type]!, [...path, type]);
    if (type === 'grpcRoute') {
      const match = route.grpcRoute!.match;
      checkHeaderMatches(ctx, match.metadata, [...path, type, 'match', 'metadata'], false);
      if (match.methodName !== undefined && match.serviceName === undefined) {
        ctx.fail([...path, type, 'match', 'methodName'], 'methodName needs serviceName');
      }
    }
    const retry = type === 'tcpRoute' ? undefined : route[type]!.retryPolicy;
    if (retry) {
      const events = ['grpcRetryEvents', 'httpRetryEvents', 'tcpRetryEvents'].filter(
        (k) => (retry as unknown as Record<string, unknown[] | undefined>)[k]?.length,
      );
      if (events.length === 0)
        ctx.fail([...path, type, 'retryPolicy'], 'a retry policy needs at least one retry event');
    }
    const targets = route[type]!.action.weightedTargets;
    const total = targets.reduce((sum, t) => sum + t.weight, 0);
    if (total > 100) {
      ctx.fail(
        [...path, type, 'action', 'weightedTargets'],
        `the weights add up to ${total}; App Mesh allows at most 100`,
      );
    }
    targets.forEach((target, j) => {
      ctx.refOrArn(
        target,
        [...path, type, 'action', 'weightedTargets', j],
        'virtualNodeRef',
        'virtualNodeARN',
      );
    });
  });
}

function checkRouteProtocol(
  ctx: RuleContext,
  route: RouteCrd,
  type: (typeof ROUTE_TYPES)[number],
  listeners: NonNullable<VirtualRouterCrdSpec['listeners']>,
  path: readonly PathSegment[],
): void {
  const port = route[type]?.match?.port;
  const protocol = PROTOCOL_OF[type];
  if (port === undefined) {
    if (listeners.length > 1) {
      ctx.fail(
        [...path, type, 'match', 'port'],
        'match.port is required when the virtual router has several listeners',
      );
    } else if (listeners[0] && listeners[0].portMapping.protocol !== protocol) {
      ctx.fail(
        [...path, type],
        `a ${type} cannot serve the router's ${listeners[0].portMapping.protocol} listener`,
      );
    }
    return;
  }
  const listener = listeners.find((l) => l.portMapping.port === port);
  if (!listener) ctx.fail([...path, type, 'match', 'port'], `no listener of this router has port ${port}`);
  else if (listener.portMapping.protocol !== protocol) {
    ctx.fail(
      [...path, type],
      `a ${type} cannot serve the ${listener.portMapping.protocol} listener on port ${port}`,
    );
  }
}

function checkHttpMatch(ctx: RuleContext, route: HttpRouteCrd, path: readonly PathSegment[]): void {
  const match = route.match;
  const matchPath = [...path, 'match'];
  if (match.prefix !== undefined && match.path !== undefined)
    ctx.fail([...matchPath, 'path'], 'set either prefix or path, not both');
  else if (match.prefix === undefined && match.path === undefined)
    ctx.fail(matchPath, 'one of prefix or path is required');
  if (match.prefix !== undefined && !match.prefix.startsWith('/'))
    ctx.fail([...matchPath, 'prefix'], 'prefix must start with "/"');
  ctx.oneOf(match.path, [...matchPath, 'path'], ['exact', 'regex']);
  checkHeaderMatches(ctx, match.headers, [...matchPath, 'headers'], true);
  checkQueryParameters(ctx, match.queryParameters, [...matchPath, 'queryParameters']);
}
