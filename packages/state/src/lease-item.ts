import type { TargetLease } from '@meshcd/core';
import { stateKeys } from './state-keys.ts';

/**
 * A target's lease as a DynamoDB item. The lease expiry is `leaseExpiresAt` (epoch ms), deliberately
 * not the table's TTL attribute: the lease item carries `applied`, which must outlive any lease.
 * `version` increments on every write; writes are conditioned on the version they read.
 */
export interface LeaseItem {
  pk: string;
  sk: string;
  targetId: string;
  version: number;
  holder?: string;
  leaseExpiresAt?: number;
  wantedRevision?: string;
  wantedOrder?: number;
  appliedRevision?: string;
  appliedOrder?: number;
}

export function leaseFromItem(item: LeaseItem): TargetLease {
  return {
    targetId: item.targetId,
    ...(item.holder !== undefined ? { holder: item.holder } : {}),
    ...(item.leaseExpiresAt !== undefined ? { expiresAt: item.leaseExpiresAt } : {}),
    ...(item.wantedRevision !== undefined
      ? { wanted: { revision: item.wantedRevision, order: item.wantedOrder ?? 0 } }
      : {}),
    ...(item.appliedRevision !== undefined
      ? { applied: { revision: item.appliedRevision, order: item.appliedOrder ?? 0 } }
      : {}),
  };
}

export function leaseToItem(lease: TargetLease, version: number): LeaseItem {
  return {
    pk: stateKeys.targetPk(lease.targetId),
    sk: stateKeys.leaseSk,
    targetId: lease.targetId,
    version,
    ...(lease.holder !== undefined ? { holder: lease.holder } : {}),
    ...(lease.expiresAt !== undefined ? { leaseExpiresAt: lease.expiresAt } : {}),
    ...(lease.wanted ? { wantedRevision: lease.wanted.revision, wantedOrder: lease.wanted.order } : {}),
    ...(lease.applied ? { appliedRevision: lease.applied.revision, appliedOrder: lease.applied.order } : {}),
  };
}
