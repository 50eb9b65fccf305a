import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../engine/run-cli.ts';
import { mesh, namespace, virtualNode } from './orders-mesh.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'node_modules', '.bin');
const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
const run = promisify(execFile);

const manifests = `${[mesh, namespace, virtualNode].join('---\n')}---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
  namespace: prod
spec:
  selector:
    matchLabels:
      app: orders
  template:
    metadata:
      labels:
        app: orders
    spec:
      containers:
        - name: app
          image: orders:1
`;

const controller = `apiVersion: v1
kind: Namespace
metadata:
  name: appmesh-system
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: appmesh-controller
  namespace: appmesh-system
spec:
  selector:
    matchLabels:
      app: appmesh-controller
  template:
    metadata:
      labels:
        app: appmesh-controller
    spec:
      containers:
        - name: controller
          image: public.ecr.aws/appmesh/appmesh-controller:v1.13.1
`;

/** `meshcd local kube` on a state directory, spawned, until `stop()`; resolves once its endpoint line is out. */
async function localKube(state: string): Promise<{ stop(): Promise<void> }> {
  const child: ChildProcess = spawn(join(bin, 'meshcd'), ['local', 'kube', '--port', '0', '--state', state], {
    cwd: root,
    env,
  });
  await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`meshcd local kube exited early with ${code}`)));
  });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

describe('meshcd apply --local reaches the local cluster', () => {
  const dir = mkdtempSync(join(tmpdir(), 'meshcd-cluster-cli-'));
  const tree = join(dir, 'tree');
  const state = join(dir, 'state');
  const kubeconfig = join(state, 'kubeconfig');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(tree, { recursive: true });
  writeFileSync(join(tree, 'shop.yaml'), manifests);

  it('plans the cluster beside App Mesh, and after apply kubectl through meshcd local kube shows the injected Envoy', async () => {
    const planned = await runCli('plan', tree, '--local', '--state', state, '--output', 'json');
    expect(planned.code, planned.stderr).toBe(2);
    const plan = JSON.parse(planned.stdout) as {
      changes: Array<{ kind: string; action: string }>;
      cluster: { changes: Array<{ subject: string; kind: string; name: string; action: string }> };
    };
    expect(plan.changes.map((c) => [c.action, c.kind])).toContainEqual(['create', 'VirtualNode']);
    expect(plan.cluster.changes.map((c) => [c.action, c.subject, c.kind, c.name])).toEqual([
      ['create', 'object', 'Namespace', 'prod'],
      ['create', 'object', 'Deployment', 'orders'],
      ['create', 'injection', 'Deployment', 'orders'],
    ]);

    const applied = await runCli('apply', tree, '--local', '--state', state);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain('Applied (cluster): 3 to create');

    const kube = await localKube(state);
    try {
      const { stdout } = await run('kubectl', [
        '--kubeconfig',
        kubeconfig,
        'get',
        'deployment',
        '-n',
        'prod',
        'orders',
        '-o',
        'json',
      ]);
      const deployment = JSON.parse(stdout) as {
        spec: {
          template: {
            spec: { containers: Array<{ name: string; env?: Array<{ name: string; value?: string }> }> };
          };
        };
      };
      const envoy = deployment.spec.template.spec.containers.find((c) => c.name === 'envoy');
      expect(envoy?.env?.find((e) => e.name === 'APPMESH_RESOURCE_ARN')?.value).toMatch(
        /^arn:aws:appmesh:us-west-2:\d{12}:mesh\/shop\/virtualNode\/orders_prod$/,
      );
      // The workload's pods run with the sidecar, and the rollout of the injected template completes.
      const kubectl = (...args: string[]) =>
        run('kubectl', ['--kubeconfig', kubeconfig, '-n', 'prod', ...args]);
      const rollout = await kubectl('rollout', 'status', 'deployment/orders', '--timeout=30s');
      expect(rollout.stdout).toContain('successfully rolled out');
      const pods = await kubectl('get', 'pods', '-l', 'app=orders', '--no-headers');
      expect(pods.stdout.trim()).toMatch(/^orders-\S+\s+2\/2\s+Running\s/);
      const containers = await kubectl(
        'get',
        'pods',
        '-l',
        'app=orders',
        '-o',
        'jsonpath={.items[*].spec.containers[*].name}',
      );
      expect(containers.stdout).toBe('app envoy');

      // someone installs the appmesh-controller in the cluster
      writeFileSync(join(dir, 'controller.yaml'), controller);
      await run('kubectl', [
        '--kubeconfig',
        kubeconfig,
        'apply',
        '--server-side',
        '-f',
        join(dir, 'controller.yaml'),
      ]);
    } finally {
      await kube.stop();
    }

    const replanned = await runCli('plan', tree, '--local', '--state', state);
    expect(replanned.code, replanned.stderr).toBe(0);
    expect(replanned.stdout).toMatch(
      /warning Deployment appmesh-system\/appmesh-controller is running in the cluster/,
    );
    expect(replanned.stdout).toMatch(/Plan \(cluster\): 0 to create, 0 to update, 0 to delete, 3 unchanged/);
  });
});
