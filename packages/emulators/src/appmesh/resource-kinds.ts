/** The seven App Mesh resource kinds and how each is named on the wire, in ARNs and in operation names. */
export type ResourceKind =
  | 'mesh'
  | 'virtualNode'
  | 'virtualRouter'
  | 'route'
  | 'virtualService'
  | 'virtualGateway'
  | 'gatewayRoute';

export interface KindInfo {
  readonly kind: ResourceKind;
  /** Operation suffix and message label: `CreateVirtualNode`, "VirtualNode with name …". */
  readonly label: string;
  /** Input/output member holding the resource's own name. */
  readonly nameMember: string;
  /** Routes sit under a router, gateway routes under a gateway. */
  readonly parent?: 'virtualRouter' | 'virtualGateway';
  /** Output member of the List operation. */
  readonly listMember: string;
}

export const kinds: Readonly<Record<ResourceKind, KindInfo>> = {
  mesh: { kind: 'mesh', label: 'Mesh', nameMember: 'meshName', listMember: 'meshes' },
  virtualNode: {
    kind: 'virtualNode',
    label: 'VirtualNode',
    nameMember: 'virtualNodeName',
    listMember: 'virtualNodes',
  },
  virtualRouter: {
    kind: 'virtualRouter',
    label: 'VirtualRouter',
    nameMember: 'virtualRouterName',
    listMember: 'virtualRouters',
  },
  route: {
    kind: 'route',
    label: 'Route',
    nameMember: 'routeName',
    parent: 'virtualRouter',
    listMember: 'routes',
  },
  virtualService: {
    kind: 'virtualService',
    label: 'VirtualService',
    nameMember: 'virtualServiceName',
    listMember: 'virtualServices',
  },
  virtualGateway: {
    kind: 'virtualGateway',
    label: 'VirtualGateway',
    nameMember: 'virtualGatewayName',
    listMember: 'virtualGateways',
  },
  gatewayRoute: {
    kind: 'gatewayRoute',
    label: 'GatewayRoute',
    nameMember: 'gatewayRouteName',
    parent: 'virtualGateway',
    listMember: 'gatewayRoutes',
  },
};

export const kindList = Object.values(kinds);

export type Verb = 'Create' | 'Describe' | 'Update' | 'Delete' | 'List';

/** Splits `CreateVirtualNode` into its verb and kind; undefined for the tag operations. */
export function parseResourceOperation(operation: string): { verb: Verb; info: KindInfo } | undefined {
  const match = /^(Create|Describe|Update|Delete|List)(\w+?)s?$/.exec(operation);
  if (!match) return undefined;
  const info = kindList.find((k) => k.label === match[2] || `${k.label}e` === match[2]);
  return info ? { verb: match[1] as Verb, info } : undefined;
}
