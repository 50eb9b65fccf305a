import type { ManifestObject } from './manifest-object.ts';
import type { BackendGroupCrdSpec } from './schemas/backend-group.ts';
import type { GatewayRouteCrdSpec } from './schemas/gateway-route.ts';
import type { MeshCrdSpec } from './schemas/mesh.ts';
import type { AppMeshKind } from './schemas/schema-registry.ts';
import type { VirtualGatewayCrdSpec } from './schemas/virtual-gateway.ts';
import type { VirtualNodeCrdSpec } from './schemas/virtual-node.ts';
import type { VirtualRouterCrdSpec } from './schemas/virtual-router.ts';
import type { VirtualServiceCrdSpec } from './schemas/virtual-service.ts';

interface SpecByKind {
  Mesh: MeshCrdSpec;
  VirtualNode: VirtualNodeCrdSpec;
  VirtualRouter: VirtualRouterCrdSpec;
  VirtualService: VirtualServiceCrdSpec;
  VirtualGateway: VirtualGatewayCrdSpec;
  GatewayRoute: GatewayRouteCrdSpec;
  BackendGroup: BackendGroupCrdSpec;
}

/**
 * An App Mesh manifest that passed its schema: the typed CRD spec (nulls dropped, absent spec as `{}`), its
 * labels, and the manifest it came from for locating fields. Namespaced kinds always carry their namespace.
 */
export type AppMeshObject<K extends AppMeshKind = AppMeshKind> = {
  [P in K]: {
    kind: P;
    name: string;
    namespace: string;
    labels: Record<string, string>;
    spec: SpecByKind[P];
    manifest: ManifestObject;
  };
}[K];

/** A core object (Namespace, Service, Deployment …) with the labels meshcd matches selectors against. */
export interface KubeObject {
  kind: string;
  name: string;
  namespace: string | undefined;
  labels: Record<string, string>;
  body: Record<string, unknown>;
  manifest: ManifestObject;
}
