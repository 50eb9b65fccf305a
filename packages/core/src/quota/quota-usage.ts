import { appMeshKinds } from '../appmesh/appmesh-kinds.ts';
import type { MeshResourceKind } from '../desired/desired-state.ts';
import { QUOTA_DEFAULTS, type QuotaDefault, type QuotaLimits, type QuotaName } from './quota-defaults.ts';

/** What quota counting needs to know about one resource. */
export interface CountedResource {
  key: string;
  kind: MeshResourceKind;
  meshName: string;
  name: string;
  virtualRouterName?: string;
  virtualGatewayName?: string;
  /** Account owning the mesh; a mesh counts against its owner's meshes-per-account quota. */
  meshOwner?: string;
  /** Known spec, for per-resource quotas (backends, weighted targets); skipped when unknown. */
  spec?: unknown;
}

export interface QuotaUsage {
  quota: QuotaName;
  title: string;
  code?: string;
  /** What is counted against: `account`, `mesh m`, `virtual router r in mesh m` … */
  scope: string;
  used: number;
  limit: number;
  /** Inventory keys of the counted resources (the resource itself for per-resource quotas). */
  keys: string[];
}

const lengthAt = (spec: unknown, path: string[]): number | undefined => {
  let v: unknown = spec;
  for (const p of path)
    v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[p] : undefined;
  return Array.isArray(v) ? v.length : undefined;
};

const weightedTargets = (spec: unknown): number | undefined => {
  for (const type of ['httpRoute', 'http2Route', 'grpcRoute', 'tcpRoute']) {
    const n = lengthAt(spec, [type, 'action', 'weightedTargets']);
    if (n !== undefined) return n;
  }
  return undefined;
};

/**
 * Usage of every App Mesh quota by a set of resources, one line per quota and scope, by quota then scope.
 * The plan's pre-check and the quota report both count with this, so they never disagree.
 */
export const quotaUsage = (
  resources: readonly CountedResource[],
  accountId: string,
  limits: QuotaLimits,
): QuotaUsage[] => inQuotaOrder(unorderedQuotaUsage(resources, accountId, limits));

/**
 * Lines in the order people read them. The checks that keep only exceeded lines sort what they keep:
 * the first locale comparison in a process loads the collator, which costs more than a small `validate`.
 */
export const inQuotaOrder = (lines: QuotaUsage[]): QuotaUsage[] =>
  lines.sort((a, b) => a.quota.localeCompare(b.quota) || a.scope.localeCompare(b.scope));

/** quotaUsage's lines, in no particular order. */
export function unorderedQuotaUsage(
  resources: readonly CountedResource[],
  accountId: string,
  limits: QuotaLimits,
): QuotaUsage[] {
  const lines = new Map<string, QuotaUsage>();
  const add = (quota: QuotaName, scope: string, key: string, amount = 1) => {
    const id = `${quota}|${scope}`;
    const q = QUOTA_DEFAULTS[quota];
    const line = lines.get(id) ?? {
      quota,
      title: q.title,
      code: q.code,
      scope,
      used: 0,
      limit: limits[quota],
      keys: [],
    };
    line.used += amount;
    line.keys.push(key);
    lines.set(id, line);
  };
  for (const r of resources) {
    const mesh = `mesh ${r.meshName}`;
    // A mesh shared from another account counts against its owner's meshes, not the caller's.
    if (r.kind === 'Mesh' && r.meshOwner && r.meshOwner !== accountId) continue;
    const quota = appMeshKinds[r.kind].quota;
    const scopes: Partial<Record<QuotaDefault['scope'], string>> = {
      account: 'account',
      mesh,
      virtualRouter: `virtual router ${r.virtualRouterName} in ${mesh}`,
      virtualGateway: `virtual gateway ${r.virtualGatewayName} in ${mesh}`,
    };
    add(quota, scopes[QUOTA_DEFAULTS[quota].scope]!, r.key);
    if (r.kind === 'VirtualNode') {
      const n = lengthAt(r.spec, ['backends']);
      if (n !== undefined) add('backendsPerVirtualNode', `virtual node ${r.name} in ${mesh}`, r.key, n);
    }
    if (r.kind === 'Route') {
      const n = weightedTargets(r.spec);
      if (n !== undefined)
        add('weightedTargetsPerRoute', `route ${r.name} of ${r.virtualRouterName} in ${mesh}`, r.key, n);
    }
  }
  return [...lines.values()];
}
