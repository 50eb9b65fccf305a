import { MeshcdError } from '@meshcd/core';

/**
 * The holder lost exclusivity: its lease expired and someone else took it (or it was never held).
 * Not retryable: the new holder owns the work now, and the caller must stop writing.
 */
export function leaseLostError(targetId: string, holder: string, current: string | undefined): MeshcdError {
  return new MeshcdError({
    phase: 'record',
    reason: 'lease-lost',
    retryable: false,
    message:
      `lease of target '${targetId}' is not held by '${holder}'` +
      (current ? ` (held by '${current}')` : ' (it is free)'),
  });
}
