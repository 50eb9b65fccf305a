import type { RevisionRequest, TargetLease } from '@meshcd/core';
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
  wantedTie?: number;
  appliedTie?: number;
  failedRevision?: string;
  failedOrder?: number;
  failedTie?: number;
}

type Slot = 'wanted' | 'applied' | 'failed';

function requestFrom(item: LeaseItem, slot: Slot): RevisionRequest | undefined {
  const revision = item[`${slot}Revision`];
  if (revision === undefined) return undefined;
  const tie = item[`${slot}Tie`];
  return { revision, order: item[`${slot}Order`] ?? 0, ...(tie !== undefined ? { tie } : {}) };
}

function requestTo(slot: Slot, request: RevisionRequest | undefined): Partial<LeaseItem> {
  if (!request) return {};
  return {
    [`${slot}Revision`]: request.revision,
    [`${slot}Order`]: request.order,
    ...(request.tie !== undefined ? { [`${slot}Tie`]: request.tie } : {}),
  };
}

export function leaseFromItem(item: LeaseItem): TargetLease {
  return {
    targetId: item.targetId,
    ...(item.holder !== undefined ? { holder: item.holder } : {}),
    ...(item.leaseExpiresAt !== undefined ? { expiresAt: item.leaseExpiresAt } : {}),
    ...Object.fromEntries(
      (['wanted', 'applied', 'failed'] as const).flatMap((slot) => {
        const request = requestFrom(item, slot);
        return request ? [[slot, request]] : [];
      }),
    ),
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
    ...requestTo('wanted', lease.wanted),
    ...requestTo('applied', lease.applied),
    ...requestTo('failed', lease.failed),
  };
}
