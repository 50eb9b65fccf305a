import { MeshcdError, type TargetLease } from '@meshcd/core';
import type { DynamoTable } from './dynamo-table.ts';
import { type LeaseItem, leaseFromItem, leaseToItem } from './lease-item.ts';
import type { LeaseTransition } from './lease-transitions.ts';
import { stateKeys } from './state-keys.ts';
import { TransitionLeaseStore } from './transition-lease-store.ts';

/** Target leases on the state table, each transition written as one compare-and-set on the item's version. */
export class DynamoLeaseStore extends TransitionLeaseStore {
  constructor(
    private readonly table: DynamoTable,
    /** Compare-and-set attempts on a contended lease before giving up (retryable). */
    private readonly maxAttempts: number,
  ) {
    super();
  }

  async getLease(targetId: string): Promise<TargetLease | undefined> {
    return (await this.read(targetId)).lease;
  }

  /**
   * Read the lease, decide with the pure transition, write the result conditioned on the version read.
   * A concurrent write (a push raising `wanted`, another holder) fails the condition and the decision is
   * taken again on fresh data, so no decision is ever made on a stale lease.
   */
  protected async transition<A>(
    targetId: string,
    step: (lease: TargetLease | undefined) => LeaseTransition<A>,
  ): Promise<A> {
    for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
      const { lease, version } = await this.read(targetId);
      const { next, answer } = step(lease);
      if (next === lease || next === undefined) return answer;
      const written = await this.table.putIf(
        'WriteLease',
        leaseToItem(next, version + 1),
        version === 0
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: '#version = :version',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':version': version },
            },
      );
      if (written) return answer;
      // Lost the race: back off briefly with jitter so contenders do not collide in lockstep.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)));
    }
    throw new MeshcdError({
      phase: 'record',
      reason: 'lease-contention',
      retryable: true,
      message: `lease of target '${targetId}' stayed contended for ${this.maxAttempts} attempts`,
    });
  }

  private async read(targetId: string): Promise<{ lease: TargetLease | undefined; version: number }> {
    const item = (await this.table.get('GetLease', stateKeys.targetPk(targetId), stateKeys.leaseSk)) as
      | LeaseItem
      | undefined;
    return item ? { lease: leaseFromItem(item), version: item.version } : { lease: undefined, version: 0 };
  }
}
