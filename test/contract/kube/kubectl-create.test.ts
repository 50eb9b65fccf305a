import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type KubeEmulatorHandle, startKubeEmulator } from '@meshcd/emulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KubectlResult, kubectl, kubectlInstalled } from './kubectl.ts';

// Outside CI a machine without kubectl cannot run this contract; in CI that is a failure, never a skip.
describe('kubectl create and explain against the Kubernetes API emulator', () => {
  let emulator: KubeEmulatorHandle;
  let dir: string;
  let kubeconfig: string;
  const run = (...args: string[]) => kubectl(kubeconfig, join(dir, 'cache'), args);
  const ok = (result: KubectlResult) => {
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    return result.stdout;
  };
  const json = async (...args: string[]) => JSON.parse(ok(await run('get', ...args, '-o', 'json')));

  beforeAll(async () => {
    expect(kubectlInstalled(), 'kubectl must be installed to run the kubectl contract test').toBe(true);
    dir = mkdtempSync(join(tmpdir(), 'meshcd-kubectl-create-'));
    emulator = await startKubeEmulator();
    kubeconfig = join(dir, 'kubeconfig');
    emulator.writeKubeconfig(kubeconfig);
  });
  afterAll(async () => {
    await emulator?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('creates built-in kinds from the protobuf bodies kubectl sends', async () => {
    expect(ok(await run('create', 'namespace', 'shop')).trim()).toBe('namespace/shop created');
    ok(await run('create', 'configmap', 'settings', '-n', 'shop', '--from-literal=mode=fast'));
    ok(await run('create', 'secret', 'generic', 'token', '-n', 'shop', '--from-literal=key=s3cret'));
    ok(await run('create', 'serviceaccount', 'web', '-n', 'shop'));
    ok(
      await run(
        'create',
        'deployment',
        'web',
        '-n',
        'shop',
        '--image=nginx:1.25',
        '--replicas=2',
        '--port=8080',
      ),
    );
    expect(emulator.calls.filter((c) => c.method === 'POST').map((c) => c.contentType)).toContain(
      'application/vnd.kubernetes.protobuf',
    );
    expect((await json('namespace', 'shop')).metadata.name).toBe('shop');
    expect((await json('configmap', 'settings', '-n', 'shop')).data).toEqual({ mode: 'fast' });
    const secret = await json('secret', 'token', '-n', 'shop');
    expect(Buffer.from(secret.data.key, 'base64').toString()).toBe('s3cret');
    expect((await json('serviceaccount', 'web', '-n', 'shop')).metadata.name).toBe('web');
    const deployment = await json('deployment', 'web', '-n', 'shop');
    expect(deployment.spec).toMatchObject({
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 8080 }] }] },
      },
    });
  });

  it('waits for the rollout kubectl created and shows its pods running', async () => {
    expect(ok(await run('rollout', 'status', 'deployment/web', '-n', 'shop', '--timeout=20s'))).toContain(
      'successfully rolled out',
    );
    const pods = ok(await run('get', 'pods', '-n', 'shop', '--no-headers'))
      .trim()
      .split('\n');
    expect(pods).toHaveLength(2);
  });

  it('explains fields from the served OpenAPI v3 documents', async () => {
    const out = ok(await run('explain', 'pod.spec.containers.imagePullPolicy'));
    expect(out).toContain('FIELD: imagePullPolicy <string>');
    expect(out).toMatch(/ENUM:\s+Always\s+IfNotPresent\s+Never/);
  });

  it('refuses an invalid object with the API server words', async () => {
    const result = await run('create', 'deployment', 'Bad_Name', '-n', 'shop', '--image=x');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('Invalid value: "Bad_Name"');
  });
});
