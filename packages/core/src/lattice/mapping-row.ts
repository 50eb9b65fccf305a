/** How one App Mesh field carries over to VPC Lattice (spec §4). */
export type MappingClass = 'exact' | 'approximate' | 'none';

/** The App Mesh custom resources whose fields the mapping table covers, in the manifests' own words. */
export type MappedKind =
  | 'Mesh'
  | 'VirtualService'
  | 'VirtualRouter'
  | 'VirtualNode'
  | 'VirtualGateway'
  | 'GatewayRoute'
  | 'BackendGroup';

export interface MappingRowBody {
  kind: MappedKind;
  /** The manifest field (`appmesh.k8s.aws/v1beta2`), `[]` marking list items. */
  field: string;
  /** What it becomes in Lattice, or `—`. */
  lattice: string;
  class: MappingClass;
  /** Why the class is what it is. */
  reason: string;
  /** What the user must do instead; every approximate or lost field says. */
  instead?: string;
}

export const row = (
  kind: MappedKind,
  field: string,
  lattice: string,
  mappingClass: MappingClass,
  reason: string,
  instead?: string,
): MappingRowBody => ({ kind, field, lattice, class: mappingClass, reason, instead });
