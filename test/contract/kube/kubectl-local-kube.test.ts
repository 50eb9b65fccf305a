import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '@meshcd/cli';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { captureStdout } from '../../cli/capture-stdout.ts';
import { type KubectlResult, kubectl, kubectlInstalled } from './kubectl.ts';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.25
`;

const settings = (mode: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: shop
data:
  mode: ${mode}
`;

const virtualNode = `apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualNode
metadata:
  name: web
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: web
`;

// The "done when": what a user runs with kubectl against `meshcd local kube` works as on a real
// cluster. Outside CI a machine without kubectl cannot run it; in CI that is a failure, never a skip.
describe('kubectl against meshcd local kube', () => {
  let state: string;
  let kubeconfig: string;
  let exit: Promise<number>;
  const run = (args: string[], stdin?: string) => kubectl(kubeconfig, join(state, 'cache'), args, stdin);
  const ok = (result: KubectlResult) => {
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    return result.stdout;
  };

  beforeAll(async () => {
    expect(kubectlInstalled(), 'kubectl must be installed to run the kubectl contract test').toBe(true);
    state = mkdtempSync(join(tmpdir(), 'meshcd-kubectl-local-kube-'));
    const { first } = captureStdout();
    exit = main(['node', 'meshcd', 'local', 'kube', '--port', '0', '--state', state]);
    kubeconfig = (JSON.parse(await first) as { kubeconfig: string }).kubeconfig;
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    process.emit('SIGTERM');
    expect(await exit).toBe(0);
    rmSync(state, { recursive: true, force: true });
  });

  it('creates a namespace, applies a Deployment and waits for its rollout', async () => {
    expect(ok(await run(['create', 'namespace', 'shop'])).trim()).toBe('namespace/shop created');
    expect(ok(await run(['apply', '--server-side', '-f', '-'], deployment)).trim()).toBe(
      'deployment.apps/web serverside-applied',
    );
    expect(ok(await run(['rollout', 'status', 'deployment/web', '-n', 'shop', '--timeout=30s']))).toContain(
      'successfully rolled out',
    );
    expect(
      ok(await run(['get', 'pods', '-n', 'shop', '--no-headers']))
        .trim()
        .split('\n'),
    ).toHaveLength(2);
  });

  it('applies client-side, creating and then configuring an object', async () => {
    expect(ok(await run(['apply', '-f', '-'], settings('fast'))).trim()).toBe('configmap/settings created');
    expect(ok(await run(['apply', '-f', '-'], settings('slow'))).trim()).toBe(
      'configmap/settings configured',
    );
    expect(ok(await run(['get', 'configmap', 'settings', '-n', 'shop', '-o', 'jsonpath={.data.mode}']))).toBe(
      'slow',
    );
  });

  it('explains fields from both OpenAPI documents it serves', async () => {
    const v3 = ok(await run(['explain', 'deployment.spec.replicas']));
    expect(v3).toContain('FIELD: replicas <integer>');
    const v2 = ok(await run(['explain', 'deployment.spec.replicas', '--output=plaintext-openapiv2']));
    expect(v2).toContain('FIELD:    replicas <integer>');
  });

  it('refuses a kind whose CRD is not installed as a real cluster does', async () => {
    const result = await run(['apply', '-f', '-'], virtualNode);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('no matches for kind "VirtualNode" in version "appmesh.k8s.aws/v1beta2"');
    expect(result.stderr).toContain('ensure CRDs are installed first');
  });
});
