import { STSClient } from '@aws-sdk/client-sts';

/**
 * Unmodified STS clients against the emulator, one per access key a test signs with; `destroy` ends them
 * all. The endpoint is read when a client is made, so the factory can be built before the emulator starts.
 */
export function stsTestClients(endpoint: () => string) {
  const clients: STSClient[] = [];
  return {
    client(accessKeyId: string): STSClient {
      const c = new STSClient({
        endpoint: endpoint(),
        region: 'us-west-2',
        maxAttempts: 1,
        credentials: { accessKeyId, secretAccessKey: 'secret' },
      });
      clients.push(c);
      return c;
    },
    destroy(): void {
      for (const c of clients) c.destroy();
    },
  };
}
