import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type KubeEmulatorHandle, startKubeEmulator } from '@meshcd/emulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KubectlResult, kubectl, kubectlInstalled } from './kubectl.ts';

const manifests = (image: string, extraLabel: boolean) => `
apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    mesh: shop-mesh
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels:
    app: web
${extraLabel ? '    stage: canary\n' : ''}spec:
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
          image: ${image}
          ports:
            - containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: 8080
`;

const scaler = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 5
`;

interface Deployment {
  metadata: {
    resourceVersion: string;
    generation: number;
    labels: Record<string, string>;
    managedFields: { manager: string; operation: string; fieldsV1: Record<string, unknown> }[];
  };
  spec: { replicas: number; template: { spec: { containers: { name: string; image: string }[] } } };
}

// Outside CI a machine without kubectl cannot run this contract; in CI that is a failure, never a skip.
describe('kubectl against the Kubernetes API emulator', () => {
  let emulator: KubeEmulatorHandle;
  let dir: string;
  let kubeconfig: string;
  const run = (...args: string[]) => kubectl(kubeconfig, join(dir, 'cache'), args);
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const getDeployment = async (): Promise<Deployment> => {
    const result = await run('get', 'deployment', 'web', '-n', 'shop', '-o', 'json', '--show-managed-fields');
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout) as Deployment;
  };
  const ok = (result: KubectlResult) => {
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    return result.stdout;
  };

  beforeAll(async () => {
    expect(kubectlInstalled(), 'kubectl must be installed to run the kubectl contract test').toBe(true);
    dir = mkdtempSync(join(tmpdir(), 'meshcd-kubectl-'));
    emulator = await startKubeEmulator();
    kubeconfig = join(dir, 'kubeconfig');
    emulator.writeKubeconfig(kubeconfig);
  });
  afterAll(async () => {
    await emulator?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lists the system namespaces with kubectl get ns', async () => {
    const out = ok(await run('get', 'ns', '-o', 'name'));
    expect(out.trim().split('\n')).toEqual([
      'namespace/default',
      'namespace/kube-node-lease',
      'namespace/kube-public',
      'namespace/kube-system',
    ]);
  });

  it('server-side applies a Namespace, Deployment and Service without --validate=false', async () => {
    const out = ok(await run('apply', '--server-side', '-f', file('v1.yaml', manifests('nginx:1.25', true))));
    expect(out.trim().split('\n')).toEqual([
      'namespace/shop serverside-applied',
      'deployment.apps/web serverside-applied',
      'service/web serverside-applied',
    ]);
    const patches = emulator.calls.filter((c) => c.method === 'PATCH');
    expect(patches.map((c) => c.contentType)).toEqual([
      'application/apply-patch+yaml',
      'application/apply-patch+yaml',
      'application/apply-patch+yaml',
    ]);
    // The OpenAPI v3 surface told kubectl the server validates fields itself.
    for (const patch of patches) expect(patch.query).toContain('fieldValidation=Strict');
  });

  it('shows the applied fields owned by the kubectl field manager', async () => {
    const deployment = await getDeployment();
    expect(deployment.spec.replicas).toBe(2);
    // What was applied, plus what the server fills in.
    expect(deployment.spec.template.spec.containers).toEqual([
      {
        name: 'web',
        image: 'nginx:1.25',
        ports: [{ containerPort: 8080, protocol: 'TCP' }],
        imagePullPolicy: 'IfNotPresent',
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
      },
    ]);
    expect(deployment.metadata.managedFields.map((m) => [m.manager, m.operation])).toEqual([
      ['kubectl', 'Apply'],
    ]);
    const fields = deployment.metadata.managedFields[0]!.fieldsV1 as { 'f:spec': Record<string, unknown> };
    expect(fields['f:spec']).toMatchObject({ 'f:replicas': {}, 'f:selector': {} });
  });

  it('re-applies a changed manifest: new image, dropped label removed, generation bumped', async () => {
    const before = await getDeployment();
    ok(await run('apply', '--server-side', '-f', file('v2.yaml', manifests('nginx:1.26', false))));
    const after = await getDeployment();
    expect(after.spec.template.spec.containers[0]!.image).toBe('nginx:1.26');
    expect(after.metadata.labels).toEqual({ app: 'web' });
    expect(after.metadata.generation).toBe(before.metadata.generation + 1);
    expect(Number(after.metadata.resourceVersion)).toBeGreaterThan(Number(before.metadata.resourceVersion));
  });

  it('selects by label across namespaces', async () => {
    const out = ok(await run('get', 'deployments', '-A', '-l', 'app=web', '-o', 'name'));
    expect(out.trim()).toBe('deployment.apps/web');
    expect(ok(await run('get', 'deployments', '-A', '-l', 'app!=web', '-o', 'name')).trim()).toBe('');
  });

  it('refuses a second field manager changing an owned field, naming the conflict', async () => {
    const result = await run(
      'apply',
      '--server-side',
      '--field-manager',
      'autoscaler',
      '-f',
      file('scale.yaml', scaler),
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('conflict with "kubectl"');
    expect(result.stderr).toContain('.spec.replicas');
    expect((await getDeployment()).spec.replicas).toBe(2);
  });

  it('lets the second manager take the field with --force-conflicts, keeping the rest', async () => {
    ok(
      await run(
        'apply',
        '--server-side',
        '--field-manager',
        'autoscaler',
        '--force-conflicts',
        '-f',
        join(dir, 'scale.yaml'),
      ),
    );
    const deployment = await getDeployment();
    expect(deployment.spec.replicas).toBe(5);
    expect(deployment.spec.template.spec.containers[0]!.image).toBe('nginx:1.26');
    const owners = Object.fromEntries(deployment.metadata.managedFields.map((m) => [m.manager, m.fieldsV1]));
    expect(owners.autoscaler).toEqual({ 'f:spec': { 'f:replicas': {} } });
    expect((owners.kubectl as { 'f:spec': Record<string, unknown> })['f:spec']).not.toHaveProperty(
      'f:replicas',
    );
  });

  it('refuses an unknown top-level field, since kubectl leaves strict validation to the server', async () => {
    const typo = file(
      'typo.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: typo\n  namespace: shop\ndatta:\n  a: b\n',
    );
    const result = await run('apply', '--server-side', '-f', typo);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(
      'failed to create typed patch object (shop/typo; /v1, Kind=ConfigMap): .datta: field not declared in schema',
    );
  });

  it('prints the server-side table kubectl get asks for', async () => {
    const lines = ok(await run('get', 'deployment', 'web', '-n', 'shop'))
      .trim()
      .split('\n');
    expect(lines[0]).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/);
    // The emulated deployment controller has run the five replicas.
    expect(lines[1]).toMatch(/^web\s+5\/5\s+5\s+5\s+\d+s$/);
    const services = ok(await run('get', 'services', '-n', 'shop'))
      .trim()
      .split('\n');
    expect(services[1]).toMatch(/^web\s+ClusterIP\s+10\.96\.\d+\.\d+\s+<none>\s+80\/TCP\s+/);
  });

  it('completes kubectl rollout status and shows each pod with all its containers ready', async () => {
    expect(ok(await run('rollout', 'status', 'deployment/web', '-n', 'shop', '--timeout=20s'))).toContain(
      'successfully rolled out',
    );
    const pods = ok(await run('get', 'pods', '-n', 'shop', '-l', 'app=web', '--no-headers'))
      .trim()
      .split('\n');
    expect(pods).toHaveLength(5);
    for (const line of pods) expect(line).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running\s+0\s+/);
  });

  it('scales through the scale subresource, the field moving to an Update entry', async () => {
    expect(ok(await run('scale', 'deployment', 'web', '-n', 'shop', '--replicas=7')).trim()).toBe(
      'deployment.apps/web scaled',
    );
    const deployment = await getDeployment();
    expect(deployment.spec.replicas).toBe(7);
    const owners = deployment.metadata.managedFields.map((m) => [m.manager, m.operation, m.fieldsV1]);
    expect(owners).toContainEqual(['kubectl', 'Update', { 'f:spec': { 'f:replicas': {} } }]);
    expect(owners.map(([manager]) => manager)).not.toContain('autoscaler');
  });

  it('follows a watch: kubectl wait --for=delete returns once the object is deleted', async () => {
    const temp = file(
      'temp.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: temp\n  namespace: shop\n',
    );
    ok(await run('apply', '--server-side', '-f', temp));
    const waiting = run('wait', '--for=delete', 'configmap/temp', '-n', 'shop', '--timeout=20s');
    // Delete only once kubectl is watching, so the deletion must reach it through the watch stream.
    while (!emulator.calls.some((c) => c.path.endsWith('/configmaps') && c.query.includes('watch=true'))) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const deleted = await fetch(`${emulator.endpoint}/api/v1/namespaces/shop/configmaps/temp`, {
      method: 'DELETE',
    });
    expect(deleted.status).toBe(200);
    expect(ok(await waiting)).toContain('configmap/temp condition met');
  });

  it('deletes everything in the manifest, namespace first, and kubectl exits 0', async () => {
    const out = ok(await run('delete', '-f', join(dir, 'v2.yaml')));
    expect(out).toContain('namespace "shop" deleted');
    expect(out).toContain('deployment.apps "web" deleted');
    const gone = await run('get', 'ns', 'shop');
    expect(gone.code).not.toBe(0);
    expect(gone.stderr).toContain('namespaces "shop" not found');
  });
});
