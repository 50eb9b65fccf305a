import type { ResourceKind } from './resource-kinds.ts';

/** The partition an ARN uses follows the region. */
export const partitionOf = (region: string): string =>
  region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';

export interface ArnParts {
  readonly region: string;
  readonly account: string;
  readonly meshName: string;
  readonly kind: ResourceKind;
  readonly parentName?: string;
  readonly name: string;
}

/**
 * Builds an ARN per the Service Authorization Reference: singular segments, the mesh first,
 * and the resource owner's account (which for a mesh is the mesh owner).
 */
export function formatArn(p: ArnParts): string {
  const base = `arn:${partitionOf(p.region)}:appmesh:${p.region}:${p.account}:mesh/${p.meshName}`;
  switch (p.kind) {
    case 'mesh':
      return base;
    case 'route':
      return `${base}/virtualRouter/${p.parentName}/route/${p.name}`;
    case 'gatewayRoute':
      return `${base}/virtualGateway/${p.parentName}/gatewayRoute/${p.name}`;
    default:
      return `${base}/${p.kind}/${p.name}`;
  }
}

const arnPattern =
  /^arn:(aws|aws-cn|aws-us-gov):appmesh:([a-z0-9-]+):(\d{12}):mesh\/([^/]+)(?:\/(virtualNode|virtualRouter|virtualService|virtualGateway)\/([^/]+)(?:\/(route|gatewayRoute)\/([^/]+))?)?$/;

/** Parses an App Mesh ARN; undefined when it is not one (the caller answers BadRequest). */
export function parseArn(arn: string): ArnParts | undefined {
  const m = arnPattern.exec(arn);
  if (!m) return undefined;
  const [, , region, account, meshName, segment, segmentName, child, childName] = m;
  const common = { region: region as string, account: account as string, meshName: meshName as string };
  if (!segment) return { ...common, kind: 'mesh', name: common.meshName };
  if (!child) return { ...common, kind: segment as ResourceKind, name: segmentName as string };
  const parentOk =
    (child === 'route' && segment === 'virtualRouter') ||
    (child === 'gatewayRoute' && segment === 'virtualGateway');
  if (!parentOk) return undefined;
  return { ...common, kind: child as ResourceKind, parentName: segmentName, name: childName as string };
}
