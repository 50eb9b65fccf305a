import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { MeshcdError, type StateStore } from '@meshcd/core';

export interface HoldTargetLeaseOptions {
  /** The command line, recorded as part of the holder so whoever finds the target busy knows who. */
  command: string;
  /** How long to wait for a busy target; 0 fails at once, naming the holder. */
  timeoutMs: number;
  /** As long as a deployed reconcile may hold it: a crashed CLI frees the target after this. */
  ttlMs?: number;
  pollMs?: number;
}

/**
 * Takes the target's lease for a local apply, the lease `local up`'s reconciler takes for a push: the
 * state directory's lock keeps two commands apart, but `local up` reconciles pushes in its own process
 * and must not run beside a CLI apply either. Taken without a revision, as self-heal takes it, so the
 * wanted and applied revisions of pushes stay as they are; a push that arrives meanwhile queues as
 * wanted, and `local up`'s sweep reconciles it once the lease is free. Returns the release.
 */
export async function holdTargetLease(
  state: Pick<StateStore, 'acquireLease' | 'releaseLease'>,
  targetId: string,
  options: HoldTargetLeaseOptions,
): Promise<() => Promise<void>> {
  const holder = `${options.command} (pid ${process.pid} on ${hostname()}) ${randomUUID()}`;
  const ttlMs = options.ttlMs ?? 15 * 60_000;
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const taken = await state.acquireLease(targetId, holder, undefined, Date.now(), ttlMs);
    if (taken.acquired) {
      return async () => {
        await state.releaseLease(targetId, holder);
      };
    }
    if (Date.now() >= deadline) {
      throw new MeshcdError({
        phase: 'apply',
        reason: 'target-busy',
        retryable: true,
        message:
          `target '${targetId}' is being reconciled by ${taken.holder} until ` +
          `${new Date(taken.expiresAt).toISOString()}; try again, or wait with --lock-timeout`,
      });
    }
    await sleep(options.pollMs ?? 250);
  }
}
