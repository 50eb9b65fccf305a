import type { VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import type { LatticeApi, Target } from '@meshcd/core';
import { latticeAccessRefused } from './lattice-access-refused.ts';
import { readOnlyLatticeApi, refusal } from './read-only.ts';

/**
 * A client that sends only List and Get operations, which are the IAM read actions, and refuses any other
 * operation before it is signed. The read-only port already refuses the adapter's writes by name. This guard
 * works at the wire, so a write the adapter might make inside a read can never go out either.
 */
export function refuseLatticeWrites(client: VPCLatticeClient): VPCLatticeClient {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = (context.commandName ?? 'an unnamed command').replace(/Command$/, '');
      if (!/^(List|Get)[A-Z]/.test(operation)) throw refusal(`vpc-lattice:${operation}`);
      return next(args);
    },
    { step: 'initialize', name: 'meshcdReadOnlyLattice' },
  );
  return client;
}

/**
 * VPC Lattice of a deployed Lattice target with the user's AWS credentials (the SDK's default chain, so
 * AWS_ENDPOINT_URL_VPC_LATTICE works as for any SDK client), in the target's region. Read-only unless opened
 * for an allowed apply: the port refuses writes by name, the client refuses any operation but List and Get,
 * and an AccessDenied names the identity and the read actions it lacks.
 */
export async function openDeployedLattice(
  target: Target,
  write = false,
): Promise<{ api: LatticeApi; close(): void }> {
  const [{ VPCLatticeClient }, { createLatticeApi }] = await Promise.all([
    import('@aws-sdk/client-vpc-lattice'),
    import('@meshcd/lattice'),
  ]);
  // maxAttempts 1: the adapter retries under its own token buckets, as in the functions.
  const client = new VPCLatticeClient({ region: target.region, maxAttempts: 1 });
  const close = () => client.destroy();
  if (write) return { api: createLatticeApi({ client }), close };
  const api = createLatticeApi({ client: refuseLatticeWrites(client) });
  const accessKeyId = () =>
    client.config
      .credentials()
      .then((c) => c.accessKeyId)
      .catch(() => undefined);
  return {
    api: readOnlyLatticeApi(api, async (error) => latticeAccessRefused(error, target, await accessKeyId())),
    close,
  };
}
