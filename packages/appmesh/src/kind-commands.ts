import {
  CreateGatewayRouteCommand,
  CreateMeshCommand,
  CreateRouteCommand,
  CreateVirtualGatewayCommand,
  CreateVirtualNodeCommand,
  CreateVirtualRouterCommand,
  CreateVirtualServiceCommand,
  DeleteGatewayRouteCommand,
  DeleteMeshCommand,
  DeleteRouteCommand,
  DeleteVirtualGatewayCommand,
  DeleteVirtualNodeCommand,
  DeleteVirtualRouterCommand,
  DeleteVirtualServiceCommand,
  DescribeGatewayRouteCommand,
  DescribeMeshCommand,
  DescribeRouteCommand,
  DescribeVirtualGatewayCommand,
  DescribeVirtualNodeCommand,
  DescribeVirtualRouterCommand,
  DescribeVirtualServiceCommand,
  UpdateGatewayRouteCommand,
  UpdateMeshCommand,
  UpdateRouteCommand,
  UpdateVirtualGatewayCommand,
  UpdateVirtualNodeCommand,
  UpdateVirtualRouterCommand,
  UpdateVirtualServiceCommand,
} from '@aws-sdk/client-app-mesh';
import { appMeshKinds, type MeshResourceKind } from '@meshcd/core';

/** The identity members every call about one resource carries, in the API's own member names. */
export interface ResourceAddress {
  kind: MeshResourceKind;
  meshName: string;
  name: string;
  virtualRouterName?: string;
  virtualGatewayName?: string;
  meshOwner?: string;
}

// biome-ignore lint/suspicious/noExplicitAny: the SDK's command classes share no usable common type.
type CommandClass = new (input: any) => any;

interface KindCommands {
  describe: CommandClass;
  create: CommandClass;
  update: CommandClass;
  delete: CommandClass;
  /** Output member holding the resource data (the HTTP payload). */
  output: string;
}

export const kindCommands: Record<MeshResourceKind, KindCommands> = {
  Mesh: {
    describe: DescribeMeshCommand,
    create: CreateMeshCommand,
    update: UpdateMeshCommand,
    delete: DeleteMeshCommand,
    output: 'mesh',
  },
  VirtualNode: {
    describe: DescribeVirtualNodeCommand,
    create: CreateVirtualNodeCommand,
    update: UpdateVirtualNodeCommand,
    delete: DeleteVirtualNodeCommand,
    output: 'virtualNode',
  },
  VirtualRouter: {
    describe: DescribeVirtualRouterCommand,
    create: CreateVirtualRouterCommand,
    update: UpdateVirtualRouterCommand,
    delete: DeleteVirtualRouterCommand,
    output: 'virtualRouter',
  },
  Route: {
    describe: DescribeRouteCommand,
    create: CreateRouteCommand,
    update: UpdateRouteCommand,
    delete: DeleteRouteCommand,
    output: 'route',
  },
  VirtualService: {
    describe: DescribeVirtualServiceCommand,
    create: CreateVirtualServiceCommand,
    update: UpdateVirtualServiceCommand,
    delete: DeleteVirtualServiceCommand,
    output: 'virtualService',
  },
  VirtualGateway: {
    describe: DescribeVirtualGatewayCommand,
    create: CreateVirtualGatewayCommand,
    update: UpdateVirtualGatewayCommand,
    delete: DeleteVirtualGatewayCommand,
    output: 'virtualGateway',
  },
  GatewayRoute: {
    describe: DescribeGatewayRouteCommand,
    create: CreateGatewayRouteCommand,
    update: UpdateGatewayRouteCommand,
    delete: DeleteGatewayRouteCommand,
    output: 'gatewayRoute',
  },
};

/** The address members of a request about `r` (meshName, parent names, the resource's own name). */
export function addressInput(r: ResourceAddress): Record<string, string> {
  const input: Record<string, string> = {};
  if (r.kind !== 'Mesh') input.meshName = r.meshName;
  input[appMeshKinds[r.kind].nameMember] = r.name;
  if (r.virtualRouterName) input.virtualRouterName = r.virtualRouterName;
  if (r.virtualGatewayName) input.virtualGatewayName = r.virtualGatewayName;
  if (r.meshOwner) input.meshOwner = r.meshOwner;
  return input;
}
