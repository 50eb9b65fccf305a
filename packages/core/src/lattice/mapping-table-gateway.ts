import { row } from './mapping-row.ts';

/** VirtualGateway, GatewayRoute and BackendGroup rows (spec §4.6, §4.7). */
export const GATEWAY_ROWS = {
  'virtualGateway.object': row(
    'VirtualGateway',
    '(object)',
    '—',
    'none',
    'Lattice has no ingress object; its services are reachable only from associated VPCs.',
    'Expose the entry service with an ALB or NLB (AWS Load Balancer Controller), or keep an ingress proxy that calls Lattice names.',
  ),
  'gatewayRoute.object': row(
    'GatewayRoute',
    '(object)',
    '—',
    'none',
    'Gateway routes belong to the ingress gateway, which has no Lattice equivalent.',
    'Recreate the routing in the ALB (listener rules) or the ingress proxy.',
  ),
  'gatewayRoute.rewrite': row(
    'GatewayRoute',
    'spec.*Route.action.rewrite (prefix, path, hostname; and the default prefix rewrite)',
    '—',
    'none',
    'Lattice does not rewrite paths or hosts.',
    'Rewrite in the ALB, the ingress proxy or the application.',
  ),
  'gatewayRoute.hostname': row(
    'GatewayRoute',
    'spec.*Route.match.hostname',
    '—',
    'none',
    'Lattice rules cannot match the host inside a service.',
    'Route by host in the ALB or the ingress proxy.',
  ),
  'backendGroup.object': row(
    'BackendGroup',
    'spec.virtualservices[]',
    'as the backends of the nodes that use it',
    'approximate',
    "A backend group only expands into the nodes' backends; see the backends rows.",
    'As for backends.',
  ),
} as const;
