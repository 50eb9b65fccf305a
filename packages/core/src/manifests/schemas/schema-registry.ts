import type { z } from 'zod';
import { backendGroupObject } from './backend-group.ts';
import { gatewayRouteObject } from './gateway-route.ts';
import {
  daemonSetObject,
  deploymentObject,
  namespaceObject,
  serviceAccountObject,
  serviceObject,
  statefulSetObject,
} from './kube.ts';
import { meshObject } from './mesh.ts';
import { virtualGatewayObject } from './virtual-gateway.ts';
import { virtualNodeObject } from './virtual-node.ts';
import { virtualRouterObject } from './virtual-router.ts';
import { virtualServiceObject } from './virtual-service.ts';

/** The seven appmesh.k8s.aws/v1beta2 kinds. */
export type AppMeshKind =
  | 'Mesh'
  | 'VirtualNode'
  | 'VirtualRouter'
  | 'VirtualService'
  | 'VirtualGateway'
  | 'GatewayRoute'
  | 'BackendGroup';

export const appMeshSchemas: Record<AppMeshKind, z.ZodType> = {
  Mesh: meshObject,
  VirtualNode: virtualNodeObject,
  VirtualRouter: virtualRouterObject,
  VirtualService: virtualServiceObject,
  VirtualGateway: virtualGatewayObject,
  GatewayRoute: gatewayRouteObject,
  BackendGroup: backendGroupObject,
};

/** Core kinds meshcd reads, keyed `apiVersion|kind`; other kinds pass through unchecked. */
export const kubeSchemas: Record<string, z.ZodType> = {
  'v1|Namespace': namespaceObject,
  'v1|Service': serviceObject,
  'v1|ServiceAccount': serviceAccountObject,
  'apps/v1|Deployment': deploymentObject,
  'apps/v1|StatefulSet': statefulSetObject,
  'apps/v1|DaemonSet': daemonSetObject,
};

export const isAppMeshKind = (kind: string): kind is AppMeshKind => Object.hasOwn(appMeshSchemas, kind);
