import type { RevisionRequest, StateStore, TargetLease } from '@meshcd/core';
import type { AcquireOptions, LeaseAcquisition, LeaseRelease, LeaseSettlement } from '@meshcd/core/ports';
import { leaseLostError } from './lease-lost-error.ts';
import {
  acquireTransition,
  completeTransition,
  failTransition,
  type LeaseTransition,
  releaseTransition,
  renewTransition,
} from './lease-transitions.ts';

export type LeaseStore = Pick<
  StateStore,
  'acquireLease' | 'renewLease' | 'completeLease' | 'failLease' | 'releaseLease' | 'getLease'
>;

/**
 * The lease operations on the pure transitions of lease-transitions.ts. A store supplies only how one
 * transition is made atomic (a map write in memory, a compare-and-set in DynamoDB), so both stores run
 * the same state machine.
 */
export abstract class TransitionLeaseStore implements LeaseStore {
  /** Reads the lease, takes the step, stores its `next` atomically and answers the step's answer. */
  protected abstract transition<A>(
    targetId: string,
    step: (lease: TargetLease | undefined) => LeaseTransition<A>,
  ): Promise<A>;

  abstract getLease(targetId: string): Promise<TargetLease | undefined>;

  acquireLease(
    targetId: string,
    holder: string,
    request: RevisionRequest | undefined,
    now: number,
    ttlMs: number,
    options?: AcquireOptions,
  ): Promise<LeaseAcquisition> {
    return this.transition(targetId, (lease) =>
      acquireTransition(lease, targetId, holder, request, now, ttlMs, options),
    );
  }

  renewLease(targetId: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
    return this.transition(targetId, (lease) => renewTransition(lease, holder, now, ttlMs));
  }

  completeLease(targetId: string, holder: string, applied: RevisionRequest): Promise<LeaseSettlement> {
    return this.settle(targetId, holder, (lease) => completeTransition(lease, holder, applied));
  }

  failLease(targetId: string, holder: string, failed: RevisionRequest): Promise<LeaseSettlement> {
    return this.settle(targetId, holder, (lease) => failTransition(lease, holder, failed));
  }

  releaseLease(targetId: string, holder: string): Promise<LeaseRelease> {
    return this.settle(targetId, holder, (lease) => releaseTransition(lease, holder));
  }

  /** A transition that only the current holder may make; anyone else has lost the lease. */
  private async settle<A extends object>(
    targetId: string,
    holder: string,
    step: (lease: TargetLease | undefined) => LeaseTransition<A | { lost: true; holder: string | undefined }>,
  ): Promise<A> {
    const answer = await this.transition(targetId, step);
    if ('lost' in answer) throw leaseLostError(targetId, holder, answer.holder);
    return answer;
  }
}
