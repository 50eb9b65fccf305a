import type { WeightedTarget } from '@aws-sdk/client-app-mesh';
import type { DesiredRoute, DesiredVirtualRouter } from '../desired/desired-state.ts';
import type { PathSegment } from '../manifests/manifest-object.ts';
import { latticeResourceKey } from '../provider/lattice-resource-key.ts';
import { latticeName } from './lattice-name.ts';
import type {
  DesiredListener,
  DesiredRule,
  LatticeListenerProtocol,
  LatticeWeightedTargetGroup,
} from './lattice-resource.ts';
import { grpcRouteMatch, httpRouteMatch, type MatchResult } from './translate-match.ts';
import { seconds } from './translate-target-group.ts';
import type { FieldNote, Source } from './translation.ts';

type RouteType = 'httpRoute' | 'http2Route' | 'grpcRoute' | 'tcpRoute';
const protocolOfType: Record<RouteType, string> = {
  httpRoute: 'http',
  http2Route: 'http2',
  grpcRoute: 'grpc',
  tcpRoute: 'tcp',
};

/** App Mesh protocol → Lattice listener protocol (spec §4.1 #7); tcp has none. */
export const listenerProtocol = (p: string | undefined): LatticeListenerProtocol | undefined =>
  p === 'http' ? 'HTTP' : p === 'http2' || p === 'grpc' ? 'HTTPS' : undefined;

export const listenerName = (protocol: LatticeListenerProtocol, port: number) =>
  `${protocol.toLowerCase().replace('_', '-')}-${port}`;

export interface RoutedRoute {
  route: DesiredRoute;
  /** Position in the router's `spec.routes`: findings point there. */
  index: number;
}

export interface RouterCallbacks {
  /** The target group for a route's weighted target; undefined when the node is unknown. */
  targetGroup(target: WeightedTarget, listenerPort: number): string | undefined;
  note(from: Source, note: FieldNote): void;
  idle(seconds: number, from: Source, path: PathSegment[]): void;
}

function routeType(route: DesiredRoute): RouteType {
  const s = route.spec;
  return s.httpRoute ? 'httpRoute' : s.http2Route ? 'http2Route' : s.grpcRoute ? 'grpcRoute' : 'tcpRoute';
}

/**
 * Lattice priorities (spec §4.1 #4): App Mesh priority + 1; routes without one follow in manifest order;
 * ties keep manifest order; then each is raised just enough to be unique.
 */
export function rulePriorities(routes: readonly RoutedRoute[]): Map<RoutedRoute, number> {
  const ordered = [...routes].sort((a, b) => {
    const pa = a.route.spec.priority;
    const pb = b.route.spec.priority;
    if (pa !== undefined && pb !== undefined && pa !== pb) return pa - pb;
    if ((pa === undefined) !== (pb === undefined)) return pa === undefined ? 1 : -1;
    return a.index - b.index;
  });
  const out = new Map<RoutedRoute, number>();
  let previous = 0;
  for (const r of ordered) {
    previous = Math.max((r.route.spec.priority ?? -1) + 1, previous + 1);
    out.set(r, previous);
  }
  return out;
}

/**
 * A router inside one Lattice service: one listener per router listener (default action 404, as the
 * controller does and as Envoy answers an unmatched request), one rule per route on the listener its
 * `match.port` names, or on every listener of the route's protocol.
 */
export function translateRouter(
  service: { key: string; name: string },
  router: DesiredVirtualRouter,
  routes: readonly RoutedRoute[],
  callbacks: RouterCallbacks,
): { listeners: DesiredListener[]; rules: { rule: DesiredRule; route: RoutedRoute }[] } {
  const listeners: DesiredListener[] = [];
  const rules: { rule: DesiredRule; route: RoutedRoute }[] = [];
  (router.spec.listeners ?? []).forEach((l, li) => {
    const port = l.portMapping!.port!;
    const appMeshProtocol = l.portMapping!.protocol!;
    const protocol = listenerProtocol(appMeshProtocol);
    if (!protocol) {
      callbacks.note(router.source, {
        row: 'virtualRouter.listener.tcp',
        path: ['spec', 'listeners', li, 'portMapping', 'protocol'],
        detail: `tcp listener on port ${port}`,
      });
      return;
    }
    if (appMeshProtocol !== 'http')
      callbacks.note(router.source, {
        row: appMeshProtocol === 'grpc' ? 'virtualRouter.listener.grpc' : 'virtualRouter.listener.http2',
        path: ['spec', 'listeners', li, 'portMapping', 'protocol'],
        detail: `${appMeshProtocol} listener on port ${port} becomes HTTPS`,
      });
    const name = listenerName(protocol, port);
    const listenerKey = latticeResourceKey({ kind: 'Listener', serviceName: service.name, name });
    listeners.push({
      kind: 'Listener',
      key: listenerKey,
      name,
      spec: {
        serviceKey: service.key,
        protocol,
        port,
        defaultAction: { fixedResponse: { statusCode: 404 } },
      },
      source: router.source,
      dependsOn: [service.key],
    });
    const single = (router.spec.listeners ?? []).length === 1;
    const here = routes.filter(({ route }) => {
      const type = routeType(route);
      const matchPort = route.spec[type]?.match?.port;
      if (matchPort !== undefined) return matchPort === port;
      return single || protocolOfType[type] === appMeshProtocol;
    });
    const priorities = rulePriorities(here);
    const used = new Set<string>();
    for (const r of here) {
      const rule = translateRoute(r, service, listenerKey, name, priorities.get(r)!, port, callbacks);
      if (!rule) continue;
      if (used.has(rule.name)) {
        rule.name = latticeName('Rule', `${r.route.name}-${r.index}`, true);
        rule.key = latticeResourceKey({
          kind: 'Rule',
          serviceName: service.name,
          listenerName: name,
          name: rule.name,
        });
      }
      used.add(rule.name);
      rules.push({ rule, route: r });
    }
  });
  return { listeners, rules };
}

function translateRoute(
  r: RoutedRoute,
  service: { key: string; name: string },
  listenerKey: string,
  listenerName: string,
  priority: number,
  listenerPort: number,
  callbacks: RouterCallbacks,
): DesiredRule | undefined {
  const { route, index } = r;
  const type = routeType(route);
  const at: PathSegment[] = ['spec', 'routes', index, type];
  const body = route.spec[type]!;
  if (type === 'tcpRoute') {
    callbacks.note(route.source, { row: 'route.tcp', path: at, detail: `tcp route ${route.name}` });
    return undefined;
  }
  const http = route.spec.httpRoute ?? route.spec.http2Route;
  const match: MatchResult = http ? httpRouteMatch(http, at) : grpcRouteMatch(route.spec.grpcRoute!, at);
  for (const n of match.notes) callbacks.note(route.source, n);
  const retry = 'retryPolicy' in body ? body.retryPolicy : undefined;
  if (retry)
    callbacks.note(route.source, {
      row: 'route.retryPolicy',
      path: [...at, 'retryPolicy'],
      detail: `${retry.maxRetries} retries of ${route.name}`,
    });
  const timeout = body.timeout;
  if (timeout && 'perRequest' in timeout && timeout.perRequest)
    callbacks.note(route.source, {
      row: 'route.timeout.perRequest',
      path: [...at, 'timeout', 'perRequest'],
      detail: `per-request timeout ${timeout.perRequest.value}${timeout.perRequest.unit}`,
    });
  const idle = seconds(timeout?.idle);
  if (idle !== undefined) callbacks.idle(idle, route.source, [...at, 'timeout', 'idle']);
  if (!match.ok) return undefined;
  const name = latticeName('Rule', route.name);
  if (name !== route.name)
    callbacks.note(route.source, {
      row: 'route.name',
      path: ['spec', 'routes', index, 'name'],
      detail: `${route.name} becomes ${name}`,
    });
  const targetGroups: LatticeWeightedTargetGroup[] = [];
  for (const t of body.action?.weightedTargets ?? []) {
    const targetGroupKey = callbacks.targetGroup(t, listenerPort);
    if (targetGroupKey) targetGroups.push({ targetGroupKey, weight: t.weight ?? 0 });
  }
  return {
    kind: 'Rule',
    key: latticeResourceKey({ kind: 'Rule', serviceName: service.name, listenerName, name }),
    name,
    spec: {
      serviceKey: service.key,
      listenerKey,
      priority,
      match: { httpMatch: match.httpMatch },
      action: { forward: { targetGroups } },
    },
    source: route.source,
    dependsOn: [listenerKey, ...targetGroups.map((g) => g.targetGroupKey)],
  };
}
