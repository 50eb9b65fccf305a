import type {
  DesiredMesh,
  DesiredMeshResource,
  DesiredState,
  DesiredVirtualService,
} from '../desired/desired-state.ts';
import { latticeResourceKey } from '../provider/lattice-resource-key.ts';
import { latticeName } from './lattice-name.ts';
import type { LatticeOptions } from './lattice-options.ts';
import type { DesiredLatticeResource, LatticeDesiredState } from './lattice-resource.ts';
import type { MappingFinding } from './mapping-finding.ts';
import { translateBackends } from './translate-auth.ts';
import { translateGateways } from './translate-gateway.ts';
import { translateMeshes } from './translate-mesh.ts';
import type { RoutedRoute } from './translate-router.ts';
import { nodeNotes } from './translate-target-group.ts';
import {
  type ClientNameChange,
  translateVirtualService,
  type VirtualServiceScope,
} from './translate-virtual-service.ts';
import { type ObjectMapping, routeLabel, sourceLabel, Translation } from './translation.ts';

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

  const scope: VirtualServiceScope = {
    t,
    options,
    region: input.region,
    serviceRefs,
    networks,
    meshOf,
    nodes,
    routers,
    routesOf,
    members,
    nodesUsed: new Set<string>(),
    routerUsers: new Map<string, number>(),
  };
  const clientNames = virtualServices.map((vs) => translateVirtualService(scope, vs));
  const { nodesUsed, routerUsers } = scope;

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
