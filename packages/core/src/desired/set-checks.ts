import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { formatPath } from '../diagnostics/diagnostic.ts';
import { type ManifestObject, objectIdentity, objectLabel } from '../manifests/manifest-object.ts';
import { QUOTA_DEFAULTS, type QuotaLimits, type QuotaName } from '../quota/quota-defaults.ts';
import type { DesiredMeshResource } from './desired-state.ts';

const where = (l: { file: string; line: number }) => `${l.file}:${l.line}`;

/** The same kind, namespace and name twice in one set: the second would silently replace the first. */
export function checkDuplicateObjects(objects: readonly ManifestObject[]): Diagnostic[] {
  const seen = new Map<string, ManifestObject>();
  const out: Diagnostic[] = [];
  for (const object of objects) {
    const id = objectIdentity(object);
    const first = seen.get(id);
    if (!first) {
      seen.set(id, object);
      continue;
    }
    out.push({
      severity: 'error',
      code: 'duplicate-object',
      message: `${objectLabel(object)} is defined twice; the first definition is at ${where(first.location)}`,
      ...object.location,
      object: objectLabel(object),
      path: '',
    });
  }
  return out;
}

/** Two objects that would become the same App Mesh resource (same awsName in the same mesh and parent). */
export function checkDuplicateAwsNames(resources: readonly DesiredMeshResource[]): Diagnostic[] {
  const seen = new Map<string, DesiredMeshResource>();
  const out: Diagnostic[] = [];
  for (const r of resources) {
    const first = seen.get(r.key);
    if (!first) {
      seen.set(r.key, r);
      continue;
    }
    const isRoute = r.kind === 'Route';
    out.push({
      severity: 'error',
      code: 'duplicate-aws-name',
      message: `${r.kind} name "${r.name}" is already used in mesh "${r.meshName}" by ${label(first)} at ${where(first.source.location)}`,
      ...r.source.location,
      object: label(r),
      path: isRoute ? '' : 'spec.awsName',
    });
  }
  return out;
}

const label = (r: DesiredMeshResource) =>
  objectLabel({ kind: r.source.ref.kind, namespace: r.source.ref.namespace, name: r.source.ref.name });

/**
 * Quotas the set alone already exceeds, counted against the given limits (the defaults unless the account's are
 * known). The resource that crosses the limit carries the error.
 */
export function checkQuotas(resources: readonly DesiredMeshResource[], limits: QuotaLimits): Diagnostic[] {
  const out: Diagnostic[] = [];
  const groups = new Map<string, { quota: QuotaName; scope: string; items: DesiredMeshResource[] }>();
  const count = (quota: QuotaName, scope: string, r: DesiredMeshResource) => {
    const id = `${quota}|${scope}`;
    const g = groups.get(id) ?? { quota, scope, items: [] };
    groups.set(id, g);
    g.items.push(r);
  };
  for (const r of resources) {
    const mesh = `mesh "${r.meshName}"`;
    switch (r.kind) {
      case 'Mesh':
        // A mesh shared from another account counts against its owner's quota.
        if (!r.meshOwner) count('meshesPerAccount', 'the account', r);
        break;
      case 'VirtualService':
        count('virtualServicesPerMesh', mesh, r);
        break;
      case 'VirtualNode':
        count('virtualNodesPerMesh', mesh, r);
        if ((r.spec.backends?.length ?? 0) > limits.backendsPerVirtualNode) {
          out.push(
            over(
              r,
              'backendsPerVirtualNode',
              `virtual node "${r.name}"`,
              r.spec.backends!.length,
              limits,
              'spec.backends',
            ),
          );
        }
        break;
      case 'VirtualRouter':
        count('virtualRoutersPerMesh', mesh, r);
        break;
      case 'Route':
        count('routesPerVirtualRouter', `virtual router "${r.virtualRouterName}" in ${mesh}`, r);
        break;
      case 'VirtualGateway':
        count('virtualGatewaysPerMesh', mesh, r);
        break;
      case 'GatewayRoute':
        count('gatewayRoutesPerVirtualGateway', `virtual gateway "${r.virtualGatewayName}" in ${mesh}`, r);
        break;
    }
  }
  for (const g of groups.values()) {
    const limit = limits[g.quota];
    if (g.items.length > limit) out.push(over(g.items[limit]!, g.quota, g.scope, g.items.length, limits, ''));
  }
  return out;
}

function over(
  r: DesiredMeshResource,
  quota: QuotaName,
  scope: string,
  count: number,
  limits: QuotaLimits,
  path: string,
): Diagnostic {
  const q = QUOTA_DEFAULTS[quota];
  return {
    severity: 'error',
    code: 'quota-exceeded',
    message: `${scope} would have ${count}, over the App Mesh quota "${q.title}"${q.code ? ` (${q.code})` : ''} of ${limits[quota]}`,
    ...r.source.location,
    object: label(r),
    path: path || formatPath([]),
  };
}
