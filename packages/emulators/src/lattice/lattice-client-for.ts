import { VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';

/**
 * A real VPCLatticeClient pointed at an emulator. The access key id is the account id, which the emulator
 * reads back from the SigV4 Authorization header to know who is calling.
 */
export function latticeClientFor(
  handle: { endpoint: string; accountId: string; region?: string },
  options: { accountId?: string; maxAttempts?: number; region?: string } = {},
): VPCLatticeClient {
  return new VPCLatticeClient({
    endpoint: handle.endpoint,
    region: options.region ?? handle.region ?? 'us-west-2',
    credentials: { accessKeyId: options.accountId ?? handle.accountId, secretAccessKey: 'emulator' },
    maxAttempts: options.maxAttempts ?? 3,
  });
}
