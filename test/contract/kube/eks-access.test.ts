import type { DescribeClusterCommand } from '@aws-sdk/client-eks';
import { CoreV1Api } from '@kubernetes/client-node';
import { type KubeEmulatorHandle, startKubeEmulator } from '@meshcd/emulators';
import { createEksTokenCache, type EksSender, eksKubeConfig } from '@meshcd/kube';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };

/**
 * The shape aws-iam-authenticator checks before calling STS: a presigned GetCallerIdentity URL with the
 * cluster header signed. (That the signature binds the cluster name is checked in eks-token.test.ts.)
 */
function isEksToken(token: string | undefined): boolean {
  if (!token?.startsWith('k8s-aws-v1.')) return false;
  const url = new URL(Buffer.from(token.slice('k8s-aws-v1.'.length), 'base64url').toString());
  return (
    url.hostname === 'sts.eu-west-1.amazonaws.com' &&
    url.searchParams.get('Action') === 'GetCallerIdentity' &&
    url.searchParams.get('X-Amz-SignedHeaders') === 'host;x-k8s-aws-id' &&
    url.searchParams.has('X-Amz-Signature')
  );
}

/** The Lambda's path to its cluster, end to end: DescribeCluster, a signed token, client-node, the API. */
describe('EKS access through client-node', () => {
  let emulator: KubeEmulatorHandle;
  beforeAll(async () => {
    emulator = await startKubeEmulator({ authenticate: isEksToken });
  });
  afterAll(() => emulator?.close());

  const eksReturning = (endpoint: string): EksSender =>
    ({
      send: async (command: DescribeClusterCommand) => ({
        cluster: {
          name: command.input.name,
          status: 'ACTIVE',
          endpoint,
          certificateAuthority: { data: Buffer.from('unused for http').toString('base64') },
        },
      }),
    }) as unknown as EksSender;

  it('reaches the API with a bearer token the cluster accepts', async () => {
    const config = await eksKubeConfig({
      eks: eksReturning(emulator.endpoint),
      tokens: createEksTokenCache(),
      clusterName: 'prod',
      region: 'eu-west-1',
      credentials,
    });
    const namespaces = await config.makeApiClient(CoreV1Api).listNamespace();
    expect(namespaces.items.map((n) => n.metadata?.name)).toContain('default');
  });

  it('is refused with 401 when no token is sent', async () => {
    const response = await fetch(`${emulator.endpoint}/api/v1/namespaces`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });
  });
});
