import type { ObservedLatticeResource } from '@meshcd/core/ports';

/** The port's observed resource, as its `get` takes and returns it. */
type LatticeResourceKind = ObservedLatticeResource['kind'];

type Answer = Record<string, unknown>;

const iso = (v: unknown): string | undefined =>
  v instanceof Date ? v.toISOString() : typeof v === 'string' ? v : undefined;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Members that say who a resource is or when, not what it is: everything else of a Get is `detail`. */
const identityMembers = new Set([
  '$metadata',
  'id',
  'arn',
  'name',
  'status',
  'createdAt',
  'lastUpdatedAt',
  'createdBy',
  'isDefault',
  'failureCode',
  'failureMessage',
  'clientToken',
  'tags',
]);

/** The name an observed resource goes by: associations are named after their partner. */
function nameOf(kind: LatticeResourceKind, a: Answer): string {
  if (kind === 'ServiceNetworkVpcAssociation') return str(a.vpcId) ?? '';
  if (kind === 'ServiceNetworkServiceAssociation') return str(a.serviceName) ?? '';
  return str(a.name) ?? '';
}

function parentOf(kind: LatticeResourceKind, a: Answer, parent: ObservedLatticeResource['parent']) {
  const p = { ...parent };
  if (kind === 'ServiceNetworkVpcAssociation' || kind === 'ServiceNetworkServiceAssociation')
    p.serviceNetworkId = str(a.serviceNetworkId) ?? p.serviceNetworkId;
  if (kind === 'ServiceNetworkServiceAssociation') p.serviceId = str(a.serviceId) ?? p.serviceId;
  if (kind === 'Listener') p.serviceId = str(a.serviceId) ?? p.serviceId;
  return Object.keys(p).length > 0 ? p : undefined;
}

/**
 * A List summary or a Get/Create/Update answer as an observed resource; with `withDetail` the answer's
 * remaining members (what the resource is) become `detail`.
 */
export function toObserved(
  kind: LatticeResourceKind,
  answer: Answer,
  options: { parent?: ObservedLatticeResource['parent']; withDetail?: boolean } = {},
): ObservedLatticeResource {
  const parent = parentOf(kind, answer, options.parent);
  const detail = options.withDetail
    ? Object.fromEntries(
        Object.entries(answer).filter(([k, v]) => !identityMembers.has(k) && v !== undefined),
      )
    : undefined;
  const createdAt = iso(answer.createdAt);
  const lastUpdatedAt = iso(answer.lastUpdatedAt);
  return {
    kind,
    id: str(answer.id) ?? '',
    arn: str(answer.arn) ?? '',
    name: nameOf(kind, answer),
    parent,
    status: str(answer.status) || undefined,
    createdAt: createdAt || undefined,
    lastUpdatedAt: lastUpdatedAt || undefined,
    isDefault: typeof answer.isDefault === 'boolean' ? answer.isDefault : undefined,
    createdBy: str(answer.createdBy) || undefined,
    detail,
  };
}
