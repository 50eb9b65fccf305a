import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type KubeEmulatorHandle, startKubeEmulator } from '@meshcd/emulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KubectlResult, kubectl, kubectlInstalled } from './kubectl.ts';

// Outside CI a machine without kubectl cannot run this contract; in CI that is a failure, never a skip.
describe('namespace lifecycle through kubectl', () => {
  let emulator: KubeEmulatorHandle;
  let dir: string;
  let kubeconfig: string;
  const run = (...args: string[]) => kubectl(kubeconfig, join(dir, 'cache'), args);
  const ok = (result: KubectlResult) => {
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    return result.stdout;
  };
  const refused = (result: KubectlResult) => {
    expect(result.code).not.toBe(0);
    return result.stderr.trim();
  };
  const json = async (...args: string[]) => JSON.parse(ok(await run('get', ...args, '-o', 'json')));

  beforeAll(async () => {
    expect(kubectlInstalled(), 'kubectl must be installed to run the kubectl contract test').toBe(true);
    dir = mkdtempSync(join(tmpdir(), 'meshcd-kubectl-ns-'));
    emulator = await startKubeEmulator();
    kubeconfig = join(dir, 'kubeconfig');
    emulator.writeKubeconfig(kubeconfig);
  });
  afterAll(async () => {
    await emulator?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to delete the immortal namespaces, as the NamespaceLifecycle admission does', async () => {
    for (const name of ['default', 'kube-system', 'kube-public']) {
      expect(refused(await run('delete', 'namespace', name))).toBe(
        `Error from server (Forbidden): namespaces "${name}" is forbidden: this namespace may not be deleted`,
      );
      expect((await json('namespace', name)).status.phase).toBe('Active');
    }
  });

  it('keeps a namespace Terminating while finalizers hold its contents, refuses new content, then purges it', async () => {
    ok(await run('create', 'namespace', 'shop'));
    ok(await run('create', 'configmap', 'plain', '-n', 'shop', '--from-literal=a=b'));
    ok(await run('create', 'configmap', 'held', '-n', 'shop', '--from-literal=a=b'));
    ok(
      await run(
        'patch',
        'configmap',
        'held',
        '-n',
        'shop',
        '--type=merge',
        '-p',
        '{"metadata":{"finalizers":["example.com/hold"]}}',
      ),
    );

    expect(ok(await run('delete', 'namespace', 'shop', '--wait=false')).trim()).toBe(
      'namespace "shop" deleted',
    );
    const namespace = await json('namespace', 'shop');
    expect(namespace.metadata.deletionTimestamp).toEqual(expect.any(String));
    expect(namespace.status.phase).toBe('Terminating');
    expect(namespace.status.conditions).toEqual([
      expect.objectContaining({
        type: 'NamespaceContentRemaining',
        status: 'True',
        reason: 'SomeResourcesRemain',
        message: 'Some resources are remaining: configmaps. has 1 resource instances',
      }),
      expect.objectContaining({
        type: 'NamespaceFinalizersRemaining',
        status: 'True',
        reason: 'SomeFinalizersRemain',
        message:
          'Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances',
      }),
    ]);
    expect(ok(await run('get', 'namespace', 'shop', '--no-headers'))).toMatch(/^shop\s+Terminating\s/);
    // What finalizers do not hold is gone; the held object waits with its deletion timestamp.
    expect(refused(await run('get', 'configmap', 'plain', '-n', 'shop'))).toContain(
      'configmaps "plain" not found',
    );
    expect((await json('configmap', 'held', '-n', 'shop')).metadata.deletionTimestamp).toEqual(
      expect.any(String),
    );

    expect(refused(await run('create', 'configmap', 'late', '-n', 'shop', '--from-literal=a=b'))).toBe(
      'error: failed to create configmap: configmaps "late" is forbidden: unable to create new content in namespace shop because it is being terminated',
    );
    expect(refused(await run('delete', 'namespace', 'shop', '--wait=false'))).toBe(
      'Error from server (Conflict): Operation cannot be fulfilled on namespaces "shop": The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.',
    );

    // Removing the last finalizer completes the object's deletion, and with it the namespace's.
    ok(
      await run(
        'patch',
        'configmap',
        'held',
        '-n',
        'shop',
        '--type=merge',
        '-p',
        '{"metadata":{"finalizers":null}}',
      ),
    );
    expect(refused(await run('get', 'namespace', 'shop'))).toContain('namespaces "shop" not found');
    ok(await run('create', 'namespace', 'shop'));
    expect((await json('namespace', 'shop')).status.phase).toBe('Active');
  });
});
