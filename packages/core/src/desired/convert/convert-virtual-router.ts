import type {
  GrpcRoute,
  HttpRoute,
  RouteSpec,
  TcpRoute,
  VirtualRouterSpec,
  WeightedTarget,
} from '@aws-sdk/client-app-mesh';
import type { PathSegment } from '../../manifests/manifest-object.ts';
import type {
  GrpcRouteCrd,
  HttpRouteCrd,
  RouteCrd,
  TcpRouteCrd,
  VirtualRouterCrdSpec,
} from '../../manifests/schemas/virtual-router.ts';
import { defined, duration, headerMatches, list, queryParameters } from './convert-common.ts';
import type { RefNames } from './ref-names.ts';

/** VirtualRouter spec: listeners only. Routes are separate App Mesh resources. */
export function convertVirtualRouter(spec: VirtualRouterCrdSpec): VirtualRouterSpec {
  return defined({
    listeners: list(spec.listeners, (l) => ({
      portMapping: { port: l.portMapping.port, protocol: l.portMapping.protocol },
    })),
  });
}

/** One `spec.routes[]` entry as a Route spec; priority is copied as-is, with no defaulting or renumbering. */
export function convertRoute(route: RouteCrd, index: number, names: RefNames): RouteSpec {
  const path: PathSegment[] = ['spec', 'routes', index];
  return defined({
    priority: route.priority,
    httpRoute: route.httpRoute ? httpRoute(route.httpRoute, [...path, 'httpRoute'], names) : undefined,
    http2Route: route.http2Route ? httpRoute(route.http2Route, [...path, 'http2Route'], names) : undefined,
    grpcRoute: route.grpcRoute ? grpcRoute(route.grpcRoute, [...path, 'grpcRoute'], names) : undefined,
    tcpRoute: route.tcpRoute ? tcpRoute(route.tcpRoute, [...path, 'tcpRoute'], names) : undefined,
  });
}

function weightedTargets(
  action: HttpRouteCrd['action'],
  path: readonly PathSegment[],
  names: RefNames,
): { weightedTargets: WeightedTarget[] } {
  return {
    weightedTargets: action.weightedTargets.map((t, i) =>
      defined({
        virtualNode: names.virtualNode(t, [...path, 'action', 'weightedTargets', i]),
        weight: t.weight,
        port: t.port,
      }),
    ),
  };
}

type RetryCrd = {
  maxRetries: number;
  perRetryTimeout: { unit: 's' | 'ms'; value: number };
  httpRetryEvents?: string[] | undefined;
  tcpRetryEvents?: string[] | undefined;
  grpcRetryEvents?: string[] | undefined;
};

const retryPolicy = (r: RetryCrd | undefined) =>
  r
    ? defined({
        maxRetries: r.maxRetries,
        perRetryTimeout: duration(r.perRetryTimeout)!,
        httpRetryEvents: list(r.httpRetryEvents, (e) => e),
        tcpRetryEvents: list(r.tcpRetryEvents, (e) => e) as 'connection-error'[] | undefined,
        grpcRetryEvents: list(r.grpcRetryEvents, (e) => e),
      })
    : undefined;

const timeout = (t: HttpRouteCrd['timeout']) =>
  t ? defined({ idle: duration(t.idle), perRequest: duration(t.perRequest) }) : undefined;

function httpRoute(r: HttpRouteCrd, path: readonly PathSegment[], names: RefNames): HttpRoute {
  const m = r.match;
  return defined({
    match: defined({
      prefix: m.prefix,
      path: m.path ? defined({ exact: m.path.exact, regex: m.path.regex }) : undefined,
      method: m.method,
      scheme: m.scheme,
      port: m.port,
      headers: headerMatches(m.headers),
      queryParameters: queryParameters(m.queryParameters),
    }),
    action: weightedTargets(r.action, path, names),
    retryPolicy: retryPolicy(r.retryPolicy),
    timeout: timeout(r.timeout),
  }) as HttpRoute;
}

function grpcRoute(r: GrpcRouteCrd, path: readonly PathSegment[], names: RefNames): GrpcRoute {
  const m = r.match;
  return defined({
    match: defined({
      serviceName: m.serviceName,
      methodName: m.methodName,
      port: m.port,
      metadata: headerMatches(m.metadata),
    }),
    action: weightedTargets(r.action, path, names),
    retryPolicy: retryPolicy(r.retryPolicy),
    timeout: timeout(r.timeout),
  }) as GrpcRoute;
}

function tcpRoute(r: TcpRouteCrd, path: readonly PathSegment[], names: RefNames): TcpRoute {
  return defined({
    match: r.match ? defined({ port: r.match.port }) : undefined,
    action: weightedTargets(r.action, path, names),
    timeout: r.timeout ? defined({ idle: duration(r.timeout.idle) }) : undefined,
  });
}
