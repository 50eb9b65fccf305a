import type { DescribeClusterCommand } from '@aws-sdk/client-eks';
import { CoreV1Api } from '@kubernetes/client-node';
import { localTarget } from '@meshcd/cli';
import {
  accessAllows,
  type EksAccessEntry,
  type EksAccessPolicyName,
  type KubeEmulatorHandle,
  startKubeEmulator,
} from '@meshcd/emulators';
import {
  type ClusterFunction,
  clusterAccessPolicy,
  createClusterApi,
  createEksTokenCache,
  type EksSender,
  type EksToken,
  type EksTokenRequest,
  eksKubeConfig,
  eksToken,
} from '@meshcd/kube';
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObjectRef } from '../../../packages/core/src/ports/cluster-api.ts';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
const identities = {
  AKIDEXAMPLE: {
    secretAccessKey: 'secret',
    arn: 'arn:aws:sts::111122223333:assumed-role/meshcd-reconcile/fn',
  },
};
const reconcileRole = 'arn:aws:iam::111122223333:role/meshcd-reconcile';
const clusterAdmin: EksAccessEntry = {
  principalArn: reconcileRole,
  policies: [{ policy: 'AmazonEKSClusterAdminPolicy', scope: { type: 'cluster' } }],
};
const start = Date.UTC(2026, 10, 29, 12, 0, 0);
const minutes = (n: number) => n * 60_000;

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

/**
 * The Lambda's path to its cluster, end to end, against the emulator in EKS mode: DescribeCluster, a
 * presigned-STS token checked as aws-iam-authenticator checks it, the caller's role mapped to its
 * access entry, client-node, the API.
 */
describe('EKS access through client-node', () => {
  const running: KubeEmulatorHandle[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((e) => e.close()));
  });
  /** A cluster `prod` whose authenticator clock is `clock.at`, and a signer clock the test moves separately. */
  const cluster = async (accessEntries: EksAccessEntry[] = [clusterAdmin]) => {
    const clock = { cluster: start, signer: start };
    const emulator = await startKubeEmulator({
      eks: { clusterName: 'prod', identities, accessEntries, now: () => new Date(clock.cluster) },
    });
    running.push(emulator);
    const signed: EksTokenRequest[] = [];
    const tokens = createEksTokenCache({
      now: () => new Date(clock.signer),
      issue: (request): Promise<EksToken> => {
        signed.push(request);
        return eksToken(request);
      },
    });
    const connect = (clusterName = 'prod') =>
      eksKubeConfig({
        eks: eksReturning(emulator.endpoint),
        tokens,
        clusterName,
        region: 'eu-west-1',
        credentials,
      });
    return { emulator, clock, signed, connect };
  };
  const bearer = async (clusterName: string, at: number) =>
    (await eksToken({ clusterName, region: 'eu-west-1', credentials, now: () => new Date(at) })).token;
  const status = async (emulator: KubeEmulatorHandle, token?: string, path = '/api/v1/namespaces') =>
    (await fetch(emulator.endpoint + path, token ? { headers: { authorization: `Bearer ${token}` } } : {}))
      .status;

  it('reaches the API with a bearer token the cluster accepts', async () => {
    const { connect } = await cluster();
    const { kubeConfig } = await connect();
    const namespaces = await kubeConfig.makeApiClient(CoreV1Api).listNamespace();
    expect(namespaces.items.map((n) => n.metadata?.name)).toContain('default');
  });

  it('is refused with 401 when no token, a malformed one or a token of another cluster is sent', async () => {
    const { emulator } = await cluster();
    const response = await fetch(`${emulator.endpoint}/api/v1/namespaces`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });
    expect(await status(emulator, 'k8s-aws-v1.bm90LWEtdXJs')).toBe(401);
    expect(await status(emulator, await bearer('staging', start))).toBe(401);
    expect(await status(emulator, await bearer('prod', start))).toBe(200);
  });

  it('refuses a forged signature and an unknown access key', async () => {
    const { emulator } = await cluster();
    const url = new URL(Buffer.from((await bearer('prod', start)).slice(11), 'base64url').toString());
    url.searchParams.set('X-Amz-Signature', '0'.repeat(64));
    expect(await status(emulator, `k8s-aws-v1.${Buffer.from(url.toString()).toString('base64url')}`)).toBe(
      401,
    );
    const stranger = await eksToken({
      clusterName: 'prod',
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDOTHER', secretAccessKey: 'secret' },
      now: () => new Date(start),
    });
    expect(await status(emulator, stranger.token)).toBe(401);
  });

  it('accepts a token for 15 minutes from its X-Amz-Date and refuses it after', async () => {
    const { emulator, clock } = await cluster();
    const token = await bearer('prod', start);
    clock.cluster = start + minutes(15);
    expect(await status(emulator, token)).toBe(200);
    clock.cluster = start + minutes(15) + 1_000;
    expect(await status(emulator, token)).toBe(401);
  });

  it('answers 403 to a role without an access entry, and scopes a namespace association to its namespaces', async () => {
    const none = await cluster([]);
    expect(await status(none.emulator, await bearer('prod', start))).toBe(403);

    const scoped = await cluster([
      {
        principalArn: reconcileRole,
        policies: [{ policy: 'AmazonEKSEditPolicy', scope: { type: 'namespace', namespaces: ['web'] } }],
      },
    ]);
    const token = await bearer('prod', start);
    expect(await status(scoped.emulator, token, '/api/v1/namespaces/web/services')).toBe(200);
    expect(await status(scoped.emulator, token, '/api/v1/namespaces/other/services')).toBe(403);
    expect(await status(scoped.emulator, token, '/apis/apps/v1/deployments')).toBe(403);
  });

  it('lets only cluster admin write cluster-scoped objects, and view never writes', async () => {
    const { emulator } = await cluster([
      {
        principalArn: reconcileRole,
        policies: [{ policy: 'AmazonEKSViewPolicy', scope: { type: 'cluster' } }],
      },
    ]);
    const token = await bearer('prod', start);
    const create = (path: string, body: unknown) =>
      fetch(emulator.endpoint + path, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((r) => r.status);
    expect(await status(emulator, token, '/apis/apps/v1/deployments')).toBe(200);
    expect(await status(emulator, token, '/api/v1/namespaces/default/secrets')).toBe(403);
    expect(
      await create('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } }),
    ).toBe(403);
  });

  it('grants the functions that open Cloud Map readiness gates patch on pods/status, which edit and admin lack', () => {
    const patchStatus = { verb: 'patch', group: '', resource: 'pods/status', namespace: 'shop' };
    const allows = (policy: EksAccessPolicyName) =>
      accessAllows(
        [{ principalArn: reconcileRole, policies: [{ policy, scope: { type: 'cluster' } }] }],
        reconcileRole,
        patchStatus,
        true,
      );
    expect(allows('AmazonEKSEditPolicy')).toBe(false);
    expect(allows('AmazonEKSAdminPolicy')).toBe(false);
    expect(allows('AmazonEKSViewPolicy')).toBe(false);
    const fns: ClusterFunction[] = ['reconcile', 'cluster-event', 'detect-drift'];
    for (const fn of fns) expect(allows(clusterAccessPolicy(fn, localTarget('111122223333'))), fn).toBe(true);
  });

  const namespaceRef: KubeObjectRef = { apiVersion: 'v1', kind: 'Namespace', name: 'default' };

  it('keeps a warm connection working past the first token’s expiry: a token per request', async () => {
    const { connect, clock, signed } = await cluster();
    const api = createClusterApi({ kubeConfig: (await connect()).kubeConfig });
    expect(await api.get(namespaceRef)).toBeDefined();
    clock.cluster = clock.signer = start + minutes(16);
    expect(await api.get(namespaceRef)).toBeDefined();
    expect(signed).toHaveLength(2);
  });

  it('renews a token the cluster refuses once, and retries the call', async () => {
    const { connect, clock, emulator, signed } = await cluster();
    const connection = await connect();
    const api = createClusterApi({
      kubeConfig: connection.kubeConfig,
      renewCredentials: connection.renewCredentials,
    });
    expect(await api.get(namespaceRef)).toBeDefined();
    // The cache still trusts its token (9 minutes old by its clock); the cluster's clock says 16.
    clock.signer = start + minutes(9);
    clock.cluster = start + minutes(16);
    expect(await api.get(namespaceRef)).toBeDefined();
    expect(signed).toHaveLength(2);
    expect(emulator.calls.map((c) => c.status)).toEqual([200, 200, 401, 200]);
  });

  it('does not renew when the role itself is refused (403): no token fixes a missing access entry', async () => {
    const { connect, emulator } = await cluster([]);
    const connection = await connect();
    const api = createClusterApi({
      kubeConfig: connection.kubeConfig,
      renewCredentials: connection.renewCredentials,
    });
    await expect(api.listNamespaces()).rejects.toMatchObject({
      phase: 'cluster',
      reason: 'Forbidden',
      retryable: false,
    });
    // Discovery of the kind, then the list: one refusal, no renewal, no retry.
    expect(emulator.calls.map((c) => c.status)).toEqual([200, 403]);
  });
});
