import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EksAccessEntry, type KubeEmulatorHandle, startKubeEmulator } from '@meshcd/emulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KubectlResult, kubectl, kubectlInstalled } from './kubectl.ts';

const developer = 'arn:aws:iam::111122223333:user/dev';
/** Edit rights in `shop` only, through an access entry as CreateAccessEntry and AssociateAccessPolicy make it. */
const shopEditor: EksAccessEntry = {
  principalArn: developer,
  policies: [{ policy: 'AmazonEKSEditPolicy', scope: { type: 'namespace', namespaces: ['shop'] } }],
};

// Outside CI a machine without kubectl cannot run this contract; in CI that is a failure, never a skip.
describe('kubectl auth can-i and whoami against the Kubernetes API emulator', () => {
  const running: KubeEmulatorHandle[] = [];
  let dir: string;
  /** kubectl against a fresh emulator; `kubectl` sends no token over plain HTTP, so in EKS mode it is `developer`. */
  const cluster = async (name: string, eks: boolean) => {
    const emulator = await startKubeEmulator(
      eks
        ? {
            eks: { clusterName: 'prod', identities: {}, accessEntries: [shopEditor], anonymous: developer },
          }
        : {},
    );
    running.push(emulator);
    const kubeconfig = join(dir, `${name}.kubeconfig`);
    emulator.writeKubeconfig(kubeconfig);
    return (...args: string[]) => kubectl(kubeconfig, join(dir, `${name}-cache`), args);
  };
  const answer = (result: KubectlResult) => ({
    code: result.code,
    out: result.stdout.trim(),
    err: result.stderr,
  });

  beforeAll(() => {
    expect(kubectlInstalled(), 'kubectl must be installed to run the kubectl contract test').toBe(true);
    dir = mkdtempSync(join(tmpdir(), 'meshcd-kubectl-auth-'));
  });
  afterAll(async () => {
    await Promise.all(running.map((e) => e.close()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers a cluster without authentication as its administrator', async () => {
    const run = await cluster('plain', false);
    const review = JSON.parse((await run('auth', 'whoami', '-o', 'json')).stdout);
    expect(review).toMatchObject({
      kind: 'SelfSubjectReview',
      apiVersion: 'authentication.k8s.io/v1',
      status: {
        userInfo: {
          username: 'kubernetes-admin',
          groups: ['kubeadm:cluster-admins', 'system:authenticated'],
        },
      },
    });
    expect(answer(await run('auth', 'can-i', 'create', 'deployments', '-n', 'anywhere'))).toEqual({
      code: 0,
      out: 'yes',
      err: '',
    });
    expect(answer(await run('auth', 'can-i', 'delete', 'namespaces'))).toMatchObject({
      code: 0,
      out: 'yes',
    });
  });

  it('answers in EKS mode with the caller mapped from IAM and its access entry', async () => {
    const run = await cluster('eks', true);
    const review = JSON.parse((await run('auth', 'whoami', '-o', 'json')).stdout);
    expect(review.status.userInfo).toEqual({
      username: developer,
      groups: ['system:authenticated'],
      extra: { arn: [developer], canonicalArn: [developer] },
    });
    expect(answer(await run('auth', 'whoami'))).toMatchObject({
      code: 0,
      out: expect.stringContaining(developer),
    });
    // Edit in its namespace; nothing in another one, nothing cluster-wide, no RBAC, no namespaces.
    expect(answer(await run('auth', 'can-i', 'create', 'deployments', '-n', 'shop'))).toEqual({
      code: 0,
      out: 'yes',
      err: '',
    });
    expect(answer(await run('auth', 'can-i', 'create', 'deployments', '-n', 'other'))).toEqual({
      code: 1,
      out: 'no',
      err: '',
    });
    expect(answer(await run('auth', 'can-i', 'list', 'pods', '--all-namespaces'))).toMatchObject({
      code: 1,
      out: 'no',
    });
    expect(answer(await run('auth', 'can-i', 'create', 'namespaces'))).toMatchObject({
      code: 1,
      out: 'no',
    });
    // What can-i says is what the same request gets.
    const denied = await run('create', 'configmap', 'x', '-n', 'other', '--from-literal=a=b');
    expect(denied.stderr).toContain(`User "${developer}" cannot create resource "configmaps"`);
    expect(answer(await run('auth', 'can-i', 'get', '/healthz'))).toMatchObject({ code: 0, out: 'yes' });
    expect(answer(await run('auth', 'can-i', 'post', '/logs'))).toMatchObject({ code: 1, out: 'no' });
  });
});
