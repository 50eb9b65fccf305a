import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { formatPath } from '../diagnostics/diagnostic.ts';
import { type ManifestObject, objectIdentity, objectLabel } from '../manifests/manifest-object.ts';
import { QUOTA_DEFAULTS, type QuotaLimits, type QuotaName } from '../quota/quota-defaults.ts';
import { inQuotaOrder, unorderedQuotaUsage } from '../quota/quota-usage.ts';
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

/** How a quota's scope reads in a diagnostic about resource `r`. */
function scopeOf(quota: QuotaName, r: DesiredMeshResource): string {
  const mesh = `mesh "${r.meshName}"`;
  switch (QUOTA_DEFAULTS[quota].scope) {
    case 'account':
      return 'the account';
    case 'virtualRouter':
      return `virtual router "${r.kind === 'Route' ? r.virtualRouterName : ''}" in ${mesh}`;
    case 'virtualGateway':
      return `virtual gateway "${r.kind === 'GatewayRoute' ? r.virtualGatewayName : ''}" in ${mesh}`;
    case 'virtualNode':
      return `virtual node "${r.name}"`;
    case 'route':
      return `route "${r.name}" in ${mesh}`;
    default:
      return mesh;
  }
}

const perResourcePath: Partial<Record<QuotaName, string>> = { backendsPerVirtualNode: 'spec.backends' };

/**
 * Quotas the set alone already exceeds, counted by the one quota counter the plan and the report use,
 * against the given limits (the defaults unless the account's are known). The resource that crosses the
 * limit carries the error; a per-resource quota's, the resource itself. A mesh counts against the
 * caller's account unless another account owns it (`accountId` absent: any meshOwner is another's).
 */
export function checkQuotas(
  resources: readonly DesiredMeshResource[],
  limits: QuotaLimits,
  accountId?: string,
): Diagnostic[] {
  const byKey = new Map<string, DesiredMeshResource>();
  for (const r of resources) if (!byKey.has(r.key)) byKey.set(r.key, r);
  return inQuotaOrder(
    unorderedQuotaUsage(resources, accountId ?? '', limits).filter((u) => u.used > u.limit),
  ).map((u) => {
    const scope = QUOTA_DEFAULTS[u.quota].scope;
    const perResource = scope === 'virtualNode' || scope === 'route';
    const r = byKey.get((perResource ? u.keys[0] : u.keys[u.limit])!)!;
    const path = perResource ? (perResourcePath[u.quota] ?? '') : '';
    return over(r, u.quota, scopeOf(u.quota, r), u.used, limits, path);
  });
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
