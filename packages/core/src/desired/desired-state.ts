import type {
  GatewayRouteSpec,
  MeshSpec,
  RouteSpec,
  VirtualGatewaySpec,
  VirtualNodeSpec,
  VirtualRouterSpec,
  VirtualServiceSpec,
} from '@aws-sdk/client-app-mesh';
import type { LabelSelector } from '../manifests/schemas/common.ts';
import type { VirtualGatewayCrdSpec } from '../manifests/schemas/virtual-gateway.ts';
import type { VirtualNodeCrdSpec } from '../manifests/schemas/virtual-node.ts';
import type { ObjectRef, SourceLocation } from '../source-location.ts';

/** App Mesh resource kinds, in the API's own words (a Route is its own resource there). */
export type MeshResourceKind =
  | 'Mesh'
  | 'VirtualNode'
  | 'VirtualRouter'
  | 'Route'
  | 'VirtualService'
  | 'VirtualGateway'
  | 'GatewayRoute';

interface MeshResourceBase<K extends MeshResourceKind, S> {
  kind: K;
  /** Inventory key: `appmesh:<mesh>/<Kind>/<name>`, routes `appmesh:<mesh>/VirtualRouter/<router>/Route/<route>`. */
  key: string;
  /** The App Mesh name of the mesh this resource lives in. */
  meshName: string;
  /** Account that owns the mesh when it is shared from another account. */
  meshOwner?: string;
  /** The App Mesh name (awsName) of this resource. */
  name: string;
  /** The App Mesh API input spec, exactly what Create/Update would send. */
  spec: S;
  /** The manifest object this resource was converted from, and where. */
  source: { ref: ObjectRef; location: SourceLocation };
  /** Inventory keys of resources that must exist before this one is created. */
  dependsOn: string[];
}

export type DesiredMesh = MeshResourceBase<'Mesh', MeshSpec>;
export type DesiredVirtualNode = MeshResourceBase<'VirtualNode', VirtualNodeSpec>;
export type DesiredVirtualRouter = MeshResourceBase<'VirtualRouter', VirtualRouterSpec>;
export type DesiredRoute = MeshResourceBase<'Route', RouteSpec> & { virtualRouterName: string };
export type DesiredVirtualService = MeshResourceBase<'VirtualService', VirtualServiceSpec>;
export type DesiredVirtualGateway = MeshResourceBase<'VirtualGateway', VirtualGatewaySpec>;
export type DesiredGatewayRoute = MeshResourceBase<'GatewayRoute', GatewayRouteSpec> & {
  virtualGatewayName: string;
};

export type DesiredMeshResource =
  | DesiredMesh
  | DesiredVirtualNode
  | DesiredVirtualRouter
  | DesiredRoute
  | DesiredVirtualService
  | DesiredVirtualGateway
  | DesiredGatewayRoute;

/** A plain Kubernetes object meshcd applies to the cluster (never an appmesh.k8s.aws object). */
export interface DesiredKubeObject {
  /** Inventory key: `kube:<namespace>/<group>/<Kind>/<name>` (namespace empty for cluster-scoped, group empty for core). */
  key: string;
  object: Record<string, unknown> & { apiVersion: string; kind: string; metadata: { name: string } };
  source: {
    ref: ObjectRef;
    location: SourceLocation;
    /** A workload's `appmesh.k8s.aws/…` pod annotations and where each is, so a refusal can point at it. */
    podAnnotations?: Record<string, SourceLocation>;
  };
}

/**
 * What sidecar injection needs about a VirtualNode or VirtualGateway: which pods it selects (in its own
 * namespace), its App Mesh identity and its listeners. `podSelector` absent selects no pod; `{}` selects all.
 */
export type DesiredMeshMember = {
  /** Inventory key of the App Mesh resource the pods' Envoy connects as. */
  key: string;
  namespace: string;
  /** The Kubernetes object name. */
  objectName: string;
  /** The App Mesh name (awsName). */
  name: string;
  meshName: string;
  meshOwner?: string;
  podSelector?: LabelSelector;
  listeners: { port: number; protocol: string }[];
  source: { ref: ObjectRef; location: SourceLocation };
} & (
  | { kind: 'VirtualNode'; crdSpec: VirtualNodeCrdSpec }
  | { kind: 'VirtualGateway'; crdSpec: VirtualGatewayCrdSpec }
);

/** The resolved desired state of one manifest set: what App Mesh and the cluster should look like. */
export interface DesiredState {
  /** In dependency order: meshes, then nodes and gateways, routers, routes, services, gateway routes. */
  meshResources: DesiredMeshResource[];
  kubeObjects: DesiredKubeObject[];
  /** VirtualNodes and VirtualGateways with their pod selectors, for sidecar injection. */
  meshMembers: DesiredMeshMember[];
  /**
   * Namespaces whose labels were not known (not in the set, and no live lookup was given), so their App Mesh
   * objects are not in `meshResources` yet: a later resolve with the cluster's labels decides their mesh.
   */
  unresolvedNamespaces: string[];
}
