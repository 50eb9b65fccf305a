import { row } from './mapping-row.ts';

const CLIENTS =
  'Change clients to the Lattice name, or map the old name in DNS to it (a custom domain per service in the target configuration).';

/** Mesh and VirtualService rows (spec §4.2, §4.3). */
export const MESH_ROWS = {
  'mesh.object': row(
    'Mesh',
    '(object)',
    'service network + association of the cluster VPC',
    'exact',
    'The mesh boundary becomes membership of services and of the VPC in one service network.',
  ),
  'mesh.name': row(
    'Mesh',
    'spec.awsName / metadata.name',
    'service network name',
    'approximate',
    'Lattice names allow only a-z, 0-9 and single hyphens, 3 to 63 characters.',
    'Nothing, unless tooling refers to the network by name: the original name is kept in the meshcd:source tag.',
  ),
  'mesh.otherVpcAssociation': row(
    'Mesh',
    '(a second mesh in the same cluster)',
    '— (a VPC joins one service network by association)',
    'none',
    'The cluster VPC is associated with the network of one mesh only; the other networks are not reachable from it.',
    'Choose the mesh in `lattice.associatedMesh`, merge the meshes, or add service-network VPC endpoints (an EC2 object meshcd does not manage).',
  ),
  'mesh.egressFilter.dropAll': row(
    'Mesh',
    'spec.egressFilter.type: DROP_ALL',
    '—',
    'none',
    'Lattice does not control egress; pods keep their VPC and Internet egress.',
    'Restrict egress with security groups, Kubernetes network policies or Route 53 Resolver DNS Firewall.',
  ),
  'mesh.egressFilter.allowAll': row(
    'Mesh',
    'spec.egressFilter.type: ALLOW_ALL',
    '(default behaviour)',
    'exact',
    'Lattice never blocks egress.',
  ),
  'mesh.ipPreference': row(
    'Mesh',
    'spec.meshServiceDiscovery.ipPreference',
    'target group ipAddressType',
    'approximate',
    'IPv4_* becomes IPV4 and IPv6_* IPV6: a target group is single-stack, so the fallback order is lost.',
    'Make sure every pod has an address of the chosen family.',
  ),
  'mesh.meshOwner': row(
    'Mesh',
    'spec.meshOwner (shared mesh)',
    'service network sharing + AWS RAM share',
    'approximate',
    'Lattice shares networks through AWS RAM, outside its own API.',
    "Share the service network with RAM; a cross-account association needs the owner's action.",
  ),
  'virtualService.object': row(
    'VirtualService',
    '(object)',
    'service + its association with the mesh network',
    'exact',
    'One Lattice service per virtual service, as the Gateway API controller does per route.',
  ),
  'virtualService.name': row(
    'VirtualService',
    'spec.awsName (the name clients call)',
    'generated service DNS name, or customDomainName',
    'approximate',
    'Lattice gives each service its own DNS name; the cluster DNS name of the virtual service no longer routes through the mesh.',
    CLIENTS,
  ),
  'virtualService.customDomain': row(
    'VirtualService',
    '(target configuration: custom domain)',
    'service customDomainName (+ certificateArn)',
    'approximate',
    'The custom domain is create-only and resolves only once a DNS record maps it to the generated name.',
    'Create a CNAME or alias record (Route 53 private hosted zone) from the custom domain to the generated name.',
  ),
  'virtualService.provider.virtualNode': row(
    'VirtualService',
    'spec.provider.virtualNode',
    "one listener per node listener, default action forwarding to the node's target group",
    'exact',
    'A node provider needs no rules.',
  ),
  'virtualService.provider.virtualRouter': row(
    'VirtualService',
    'spec.provider.virtualRouter',
    "the router's listeners and rules, inside this service",
    'exact',
    'Routing lives in the Lattice service; the router has no object of its own.',
  ),
  'virtualService.noProvider': row(
    'VirtualService',
    'spec.provider (absent)',
    'service without listeners',
    'approximate',
    'Lattice answers nothing on any port for a service without listeners.',
    'Give the virtual service a provider before clients move to it.',
  ),
} as const;
