import type { Listener, WeightedTarget } from '@aws-sdk/client-app-mesh';
import type {
  DesiredMesh,
  DesiredMeshResource,
  DesiredRoute,
  DesiredState,
  DesiredVirtualNode,
  DesiredVirtualRouter,
  DesiredVirtualService,
} from '../desired/desired-state.ts';
import type { PathSegment } from '../manifests/manifest-object.ts';
import { latticeName } from './lattice-name.ts';
import type { LatticeOptions } from './lattice-options.ts';
import type { DesiredLatticeResource, DesiredListener, LatticeDesiredState } from './lattice-resource.ts';
import { latticeResourceKey } from './lattice-resource-key.ts';
import type { MappingFinding } from './mapping-finding.ts';
import { translateBackends } from './translate-auth.ts';
import { translateGateways } from './translate-gateway.ts';
import { translateMeshes } from './translate-mesh.ts';
import { listenerName, listenerProtocol, type RoutedRoute, translateRouter } from './translate-router.ts';
import { listenerIdleSeconds, nodeNotes, targetGroupFor } from './translate-target-group.ts';
import { type ObjectMapping, type Source, sourceLabel, Translation } from './translation.ts';

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

export interface LatticeTranslation {
  desired: LatticeDesiredState;
  findings: MappingFinding[];
  objects: ObjectMapping[];
  clientNames: ClientNameChange[];
}

export interface TranslateInput {
  targetId: string;
  options: LatticeOptions;
  /** For the generated names in the report; `<region>` when unknown. */
  region?: string;
}

const KIND_ORDER: Record<DesiredLatticeResource['kind'], number> = {
  ServiceNetwork: 0,
  ServiceNetworkVpcAssociation: 1,
  Service: 2,
  ServiceNetworkServiceAssociation: 3,
  TargetGroup: 4,
  Listener: 5,
  Rule: 6,
  AuthPolicy: 7,
};
const MIN_IDLE = 60;
const MAX_IDLE = 600;

const ofKind = <K extends DesiredMeshResource['kind']>(desired: DesiredState, kind: K) =>
  desired.meshResources.filter((r): r is Extract<DesiredMeshResource, { kind: K }> => r.kind === kind);

/** Lattice names of the virtual services; names that two sources would share both get their hash. */
function serviceNames(services: readonly DesiredVirtualService[]): Map<DesiredVirtualService, string> {
  const plain = services.map((vs) => latticeName('Service', vs.name));
  return new Map(
    services.map((vs, i) => [
      vs,
      plain.indexOf(plain[i]!) === plain.lastIndexOf(plain[i]!)
        ? plain[i]!
        : latticeName('Service', vs.name, true),
    ]),
  );
}

/**
 * Translates the resolved desired state, the same App Mesh planning uses, into the desired Lattice state of one
 * target, following the decisions of spec §4.1, with every field Lattice carries only approximately or not at
 * all as a finding that points at the mapping table.
 */
export function translateToLattice(desired: DesiredState, input: TranslateInput): LatticeTranslation {
  const { options } = input;
  const t = new Translation(input.targetId);
  const meshes = ofKind(desired, 'Mesh');
  const networks = translateMeshes(t, meshes, options);
  const meshOf = new Map<string, DesiredMesh>(meshes.map((m) => [m.name, m]));
  const nodes = new Map(ofKind(desired, 'VirtualNode').map((n) => [`${n.meshName}/${n.name}`, n]));
  const routers = new Map(ofKind(desired, 'VirtualRouter').map((r) => [`${r.meshName}/${r.name}`, r]));
  const members = new Map(desired.meshMembers.map((m) => [m.key, m]));
  const routesOf = new Map<string, RoutedRoute[]>();
  for (const route of ofKind(desired, 'Route')) {
    const list = routesOf.get(`${route.meshName}/${route.virtualRouterName}`) ?? [];
    list.push({ route, index: list.length });
    routesOf.set(`${route.meshName}/${route.virtualRouterName}`, list);
  }
  const virtualServices = ofKind(desired, 'VirtualService').filter((vs) => networks.has(vs.meshName));
  const names = serviceNames(virtualServices);
  const serviceRefs = new Map(
    virtualServices.map((vs) => [
      `${vs.meshName}/${vs.name}`,
      { key: latticeResourceKey({ kind: 'Service', name: names.get(vs)! }), name: names.get(vs)! },
    ]),
  );
  const nodesUsed = new Set<string>();
  const routerUsers = new Map<string, number>();
  const clientNames: ClientNameChange[] = [];

  for (const vs of virtualServices) {
    const service = serviceRefs.get(`${vs.meshName}/${vs.name}`)!;
    const network = networks.get(vs.meshName)!;
    const mesh = meshOf.get(vs.meshName);
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
          ...(domain ? { customDomainName: domain.domainName } : {}),
          ...(domain?.certificateArn ? { certificateArn: domain.certificateArn } : {}),
          ...(idleTimeoutSeconds === undefined ? {} : { idleTimeoutSeconds }),
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
    const generated = `${service.name}-<id>.<partition>.vpc-lattice-svcs.${input.region ?? '<region>'}.on.aws`;
    clientNames.push({
      source: vs.source,
      from: vs.name,
      service: service.name,
      generated,
      ...(domain ? { customDomain: domain.domainName } : {}),
    });
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
  }

  for (const router of routers.values()) {
    const users = routerUsers.get(router.key) ?? 0;
    // A router no service names becomes nothing; it and its routes are still listed.
    if (users === 0) {
      t.becomes(router.source, sourceLabel(router.source.ref));
      for (const r of routesOf.get(`${router.meshName}/${router.name}`) ?? [])
        t.becomes(r.route.source, routeLabel(r.route));
    }
    if (users > 1)
      t.note(router.source, {
        row: 'virtualRouter.shared',
        path: [],
        detail: `used by ${users} virtual services`,
      });
  }
  for (const node of nodes.values()) {
    for (const n of nodeNotes(node)) t.note(node.source, n);
    if (!nodesUsed.has(node.key)) {
      t.becomes(node.source, sourceLabel(node.source.ref));
      t.note(node.source, {
        row: 'virtualNode.unused',
        path: [],
        detail: `no virtual service reaches ${node.name}`,
      });
    }
  }
  translateBackends(t, {
    nodes: [...nodes.values()],
    services: virtualServices,
    serviceOf: (mesh, name) => serviceRefs.get(`${mesh}/${name}`),
    memberOf: (key) => members.get(key),
    kubeObjects: desired.kubeObjects,
    options,
  });
  translateGateways(t, ofKind(desired, 'VirtualGateway'), ofKind(desired, 'GatewayRoute'));

  const resources = [...t.resources.values()].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  return { desired: { resources }, findings: t.findings, objects: t.objectMappings(), clientNames };
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

const routeLabel = (route: DesiredRoute) => `${sourceLabel(route.source.ref)}#${route.name}`;
