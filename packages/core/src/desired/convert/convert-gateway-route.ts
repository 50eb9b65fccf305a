import type {
  GatewayRouteSpec,
  GatewayRouteTarget,
  GrpcGatewayRoute,
  HttpGatewayRoute,
} from '@aws-sdk/client-app-mesh';
import type { PathSegment } from '../../manifests/manifest-object.ts';
import type {
  GatewayRouteCrdSpec,
  GrpcGatewayRouteCrd,
  HttpGatewayRouteCrd,
} from '../../manifests/schemas/gateway-route.ts';
import { defined, headerMatches, queryParameters } from './convert-common.ts';
import type { RefNames } from './ref-names.ts';

/** GatewayRoute spec; priority is sent only when the manifest sets it (the API default applies otherwise). */
export function convertGatewayRoute(spec: GatewayRouteCrdSpec, names: RefNames): GatewayRouteSpec {
  return defined({
    priority: spec.priority,
    httpRoute: spec.httpRoute ? httpRoute(spec.httpRoute, ['spec', 'httpRoute'], names) : undefined,
    http2Route: spec.http2Route ? httpRoute(spec.http2Route, ['spec', 'http2Route'], names) : undefined,
    grpcRoute: spec.grpcRoute ? grpcRoute(spec.grpcRoute, ['spec', 'grpcRoute'], names) : undefined,
  });
}

function target(
  t: HttpGatewayRouteCrd['action']['target'],
  path: readonly PathSegment[],
  names: RefNames,
): GatewayRouteTarget {
  return defined({
    virtualService: {
      virtualServiceName: names.virtualService(t.virtualService, [
        ...path,
        'action',
        'target',
        'virtualService',
      ]),
    },
    port: t.port,
  });
}

const hostnameMatch = (h: { exact?: string | undefined; suffix?: string | undefined } | undefined) =>
  h ? defined({ exact: h.exact, suffix: h.suffix }) : undefined;

function httpRoute(r: HttpGatewayRouteCrd, path: readonly PathSegment[], names: RefNames): HttpGatewayRoute {
  const m = r.match;
  const rw = r.action.rewrite;
  return {
    match: defined({
      prefix: m.prefix,
      path: m.path ? defined({ exact: m.path.exact, regex: m.path.regex }) : undefined,
      method: m.method,
      port: m.port,
      hostname: hostnameMatch(m.hostname),
      headers: headerMatches(m.headers),
      queryParameters: queryParameters(m.queryParameters),
    }),
    action: defined({
      target: target(r.action.target, path, names),
      rewrite: rw
        ? defined({
            prefix: rw.prefix
              ? defined({ defaultPrefix: rw.prefix.defaultPrefix, value: rw.prefix.value })
              : undefined,
            path: rw.path ? defined({ exact: rw.path.exact }) : undefined,
            hostname: rw.hostname
              ? defined({ defaultTargetHostname: rw.hostname.defaultTargetHostname })
              : undefined,
          })
        : undefined,
    }),
  };
}

function grpcRoute(r: GrpcGatewayRouteCrd, path: readonly PathSegment[], names: RefNames): GrpcGatewayRoute {
  const m = r.match;
  const rw = r.action.rewrite;
  return {
    match: defined({
      serviceName: m.serviceName,
      port: m.port,
      hostname: hostnameMatch(m.hostname),
      metadata: headerMatches(m.metadata),
    }),
    action: defined({
      target: target(r.action.target, path, names),
      rewrite: rw
        ? defined({
            hostname: rw.hostname
              ? defined({ defaultTargetHostname: rw.hostname.defaultTargetHostname })
              : undefined,
          })
        : undefined,
    }),
  };
}
