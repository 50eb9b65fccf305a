import { MeshcdError } from '@meshcd/core';
import type { ObservedLatticeResource } from '@meshcd/core/ports';

/** The port's observed resource, as its `get` takes and returns it. */

export interface WaitOptions {
  pollMs: number;
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
}

/**
 * Waits for an asynchronous resource (service, target group, association) to become ACTIVE or to be gone,
 * asking Get every `pollMs`. A *_FAILED status is terminal: Lattice will not get further by itself, and a
 * failed create must be deleted and created again.
 */
export async function waitFor(
  resource: ObservedLatticeResource,
  goal: 'active' | 'gone',
  get: () => Promise<ObservedLatticeResource | undefined>,
  options: WaitOptions,
): Promise<ObservedLatticeResource> {
  let current: ObservedLatticeResource | undefined = resource;
  let waited = 0;
  for (;;) {
    if (goal === 'active' && current?.status === 'ACTIVE') return current;
    if (goal === 'gone' && current === undefined) return resource;
    if (current?.status?.endsWith('_FAILED'))
      throw new MeshcdError({
        phase: 'apply',
        reason: current.status,
        message: `${resource.kind} ${resource.name} (${resource.id}) is ${current.status}`,
      });
    if (waited >= options.timeoutMs)
      throw new MeshcdError({
        phase: 'apply',
        reason: 'wait-timeout',
        message: `${resource.kind} ${resource.name} (${resource.id}) is still ${current?.status ?? 'there'} after ${options.timeoutMs} ms`,
        retryable: true,
      });
    // The write's own answer is the first look; every later look waits a poll interval first.
    if (current !== resource) {
      await options.sleep(options.pollMs);
      waited += options.pollMs;
    }
    current = await get();
  }
}
