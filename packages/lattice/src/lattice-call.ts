import type { VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import { isTransient, type RetryOptions, type TokenBucket, withRetry } from '@meshcd/aws-call';
import { MeshcdError } from '@meshcd/core';
import type { CommandClass } from './kind-commands.ts';

/** One throttled, retried call; errors other than not-found come out as MeshcdError. */
export type LatticeCall = <T>(
  Command: CommandClass,
  input: Record<string, unknown>,
  kind: 'read' | 'write',
) => Promise<T>;

export const isNotFound = (e: unknown) => (e as { name?: string })?.name === 'ResourceNotFoundException';

/**
 * The call every Lattice operation goes through: a token from the read or write bucket before each attempt,
 * full-jitter retries of throttling, 5xx and dropped connections, and one error type out. ResourceNotFound
 * passes through untouched, since "already gone" and "not there" are answers the callers decide on.
 * ConflictException is not retried: the writer orders its deletes so that Lattice never answers it, and one
 * that happens anyway is a real conflict (someone else's resource in the way) to report.
 */
export function latticeCall(options: {
  client: Pick<VPCLatticeClient, 'send'>;
  reads: TokenBucket;
  writes: TokenBucket;
  retry: RetryOptions;
  onCall?: (operation: string) => void;
}): LatticeCall {
  return async <T>(Command: CommandClass, input: Record<string, unknown>, kind: 'read' | 'write') => {
    const operation = Command.name.replace(/Command$/, '');
    try {
      return await withRetry(async () => {
        await (kind === 'read' ? options.reads : options.writes).take();
        options.onCall?.(operation);
        return (await options.client.send(new Command(input))) as T;
      }, options.retry);
    } catch (error) {
      // Not found is the callers' answer; an error already in meshcd's terms (a refusal raised in the
      // client's middleware) keeps its phase and reason.
      if (isNotFound(error) || error instanceof MeshcdError) throw error;
      const e = error as { name?: string; message?: string };
      throw new MeshcdError({
        phase: kind === 'read' ? 'observe' : 'apply',
        reason: e.name ?? 'LatticeError',
        message: `${operation}: ${e.message ?? String(error)}`,
        retryable: isTransient(error),
        cause: error,
      });
    }
  };
}
