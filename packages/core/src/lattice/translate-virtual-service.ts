import type { Listener, WeightedTarget } from '@aws-sdk/client-app-mesh';
import type {
  DesiredMesh,
  DesiredMeshMember,
  DesiredVirtualNode,
  DesiredVirtualRouter,
  DesiredVirtualService,
} from '../desired/desired-state.ts';
import type { PathSegment } from '../manifests/manifest-object.ts';
import { latticeResourceKey } from '../provider/lattice-resource-key.ts';
import type { LatticeOptions } from './lattice-options.ts';
import type { DesiredListener } from './lattice-resource.ts';
import { listenerName, listenerProtocol, type RoutedRoute, translateRouter } from './translate-router.ts';
import { listenerIdleSeconds, targetGroupFor } from './translate-target-group.ts';
import { routeLabel, type Source, sourceLabel, type Translation } from './translation.ts';

/** The name clients called and the Lattice name they must call instead (spec §4.1 #6). */
export interface ClientNameChange {
  source: Source;
  /** The virtual service's App Mesh name, e.g. `color.ns.svc.cluster.local`. */
  from: string;
  service: string;
  /** The generated DNS name; the service id and partition are known once Lattice creates it. */
  generated: string;
  customDomain?: string;
}

type Ref = { key: string; name: string };

/**
 * What translating one virtual service reads from the whole translation, keyed `mesh/name`, and the
 * tallies it adds to (nodes reached, services per router) for the findings about what no service uses.
 */
export interface VirtualServiceScope {
  t: Translation;
  options: LatticeOptions;
  region: string | undefined;
  serviceRefs: Map<string, Ref>;
  networks: Map<string, Ref>;
  meshOf: Map<string, DesiredMesh>;
  nodes: Map<string, DesiredVirtualNode>;
  routers: Map<string, DesiredVirtualRouter>;
  routesOf: Map<string, RoutedRoute[]>;
  members: Map<string, DesiredMeshMember>;
  nodesUsed: Set<string>;
  routerUsers: Map<string, number>;
}

const MIN_IDLE = 60;
const MAX_IDLE = 600;

/**
 * Translates one virtual service: its Lattice service with listeners and rules (from its node or router),
 * the target groups they forward to, the association with its network, and the name its clients must call.
 */
export function translateVirtualService(
  scope: VirtualServiceScope,
  vs: DesiredVirtualService,
): ClientNameChange {
  const { t, options, nodes, routers, routesOf, members, nodesUsed, routerUsers } = scope;
  const service = scope.serviceRefs.get(`${vs.meshName}/${vs.name}`)!;
  const network = scope.networks.get(vs.meshName)!;
  const mesh = scope.meshOf.get(vs.meshName);
  const idle: {
    seconds: number;
    source: Source;
    path: PathSegment[];
    row: 'route.timeout.idle' | 'virtualNode.timeout.idle';
  }[] = [];
  const domain = options.customDomains?.[vs.name];

  const targetGroup = (node: DesiredVirtualNode, listener: Listener) => {
    const tg = targetGroupFor({
      service,
      node,
      member: members.get(node.key),
      listener,
      meshIpPreference: mesh?.spec.serviceDiscovery?.ipPreference,
      vpcId: options.vpcId,
      tags: t.tags(node.source),
    });
    t.add(tg, node.source);
    nodesUsed.add(node.key);
    const seconds = listenerIdleSeconds(listener);
    if (seconds !== undefined)
      idle.push({
        seconds,
        source: node.source,
        path: ['spec', 'listeners'],
        row: 'virtualNode.timeout.idle',
      });
    return tg.key;
  };
  const nodeListener = (node: DesiredVirtualNode, port: number | undefined, fallbackPort: number) => {
    const ls = node.spec.listeners ?? [];
    return (
      ls.find((l) => l.portMapping?.port === port) ??
      ls.find((l) => l.portMapping?.port === fallbackPort) ??
      ls[0]
    );
  };

  const listeners: DesiredListener[] = [];
  const provider = vs.spec.provider;
  if (provider?.virtualNode) {
    const node = nodes.get(`${vs.meshName}/${provider.virtualNode.virtualNodeName}`);
    (node?.spec.listeners ?? []).forEach((l, li) => {
      const protocol = listenerProtocol(l.portMapping?.protocol);
      if (!node || !protocol) return;
      if (l.portMapping?.protocol !== 'http')
        t.note(node.source, {
          row:
            l.portMapping?.protocol === 'grpc'
              ? 'virtualRouter.listener.grpc'
              : 'virtualRouter.listener.http2',
          path: ['spec', 'listeners', li, 'portMapping', 'protocol'],
          detail: `${l.portMapping?.protocol} listener on port ${l.portMapping?.port} becomes HTTPS`,
        });
      const tgKey = targetGroup(node, l);
      const name = listenerName(protocol, l.portMapping!.port!);
      listeners.push({
        kind: 'Listener',
        key: latticeResourceKey({ kind: 'Listener', serviceName: service.name, name }),
        name,
        spec: {
          serviceKey: service.key,
          protocol,
          port: l.portMapping!.port!,
          defaultAction: { forward: { targetGroups: [{ targetGroupKey: tgKey, weight: 1 }] } },
        },
        source: vs.source,
        dependsOn: [service.key, tgKey],
      });
    });
    for (const l of listeners) t.add(l, vs.source);
  } else if (provider?.virtualRouter) {
    const router = routers.get(`${vs.meshName}/${provider.virtualRouter.virtualRouterName}`);
    if (router)
      translateRouterInto(t, service, router, routesOf.get(`${vs.meshName}/${router.name}`) ?? [], {
        targetGroup: (w: WeightedTarget, listenerPort: number) => {
          const node = nodes.get(`${vs.meshName}/${w.virtualNode}`);
          const l = node && nodeListener(node, w.port, listenerPort);
          return node && l ? targetGroup(node, l) : undefined;
        },
        idle: (seconds, source, path) => idle.push({ seconds, source, path, row: 'route.timeout.idle' }),
      });
    if (router) routerUsers.set(router.key, (routerUsers.get(router.key) ?? 0) + 1);
  } else {
    t.note(vs.source, {
      row: 'virtualService.noProvider',
      path: ['spec', 'provider'],
      detail: `${vs.name} has no provider`,
    });
  }

  const longest = Math.max(...idle.map((i) => i.seconds));
  const idleTimeoutSeconds = idle.length
    ? Math.min(MAX_IDLE, Math.max(MIN_IDLE, Math.ceil(longest)))
    : undefined;
  for (const i of idle)
    t.note(i.source, {
      row: i.row,
      path: i.path,
      detail: `idle timeout ${i.seconds} s; service ${service.name} gets ${idleTimeoutSeconds} s`,
    });
  t.add(
    {
      kind: 'Service',
      key: service.key,
      name: service.name,
      spec: {
        authType: options.authType,
        customDomainName: domain?.domainName,
        certificateArn: domain?.certificateArn || undefined,
        idleTimeoutSeconds,
      },
      tags: t.tags(vs.source),
      source: vs.source,
      dependsOn: [],
    },
    vs.source,
  );
  t.add(
    {
      kind: 'ServiceNetworkServiceAssociation',
      key: latticeResourceKey({
        kind: 'ServiceNetworkServiceAssociation',
        serviceNetworkName: network.name,
        serviceName: service.name,
      }),
      name: `${network.name}/${service.name}`,
      spec: { serviceNetworkKey: network.key, serviceKey: service.key },
      tags: t.tags(vs.source),
      source: vs.source,
      dependsOn: [network.key, service.key],
    },
    vs.source,
  );
  const generated = `${service.name}-<id>.<partition>.vpc-lattice-svcs.${scope.region ?? '<region>'}.on.aws`;
  t.note(vs.source, {
    row: 'virtualService.name',
    path: ['spec', 'awsName'],
    detail: `clients calling ${vs.name} must call ${domain?.domainName ?? generated}`,
  });
  if (domain)
    t.note(vs.source, {
      row: 'virtualService.customDomain',
      path: [],
      detail: `custom domain ${domain.domainName}`,
    });
  return {
    source: vs.source,
    from: vs.name,
    service: service.name,
    generated,
    customDomain: domain?.domainName,
  };
}

function translateRouterInto(
  t: Translation,
  service: { key: string; name: string },
  router: DesiredVirtualRouter,
  routes: RoutedRoute[],
  callbacks: {
    targetGroup(w: WeightedTarget, port: number): string | undefined;
    idle(seconds: number, source: Source, path: PathSegment[]): void;
  },
): void {
  const out = translateRouter(service, router, routes, { ...callbacks, note: (from, n) => t.note(from, n) });
  // Listed even when none of its listeners carries over (tcp).
  t.becomes(router.source, sourceLabel(router.source.ref));
  for (const l of out.listeners) t.add(l, router.source);
  for (const { rule, route } of out.rules) t.add(rule, route.route.source, routeLabel(route.route));
  // Routes left out still appear, with nothing they become.
  for (const r of routes) t.becomes(r.route.source, routeLabel(r.route));
}
