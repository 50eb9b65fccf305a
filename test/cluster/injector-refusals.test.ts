import { MeshcdError } from '@meshcd/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeCalls } from '../engine/world.ts';
import { type ClusterWorld, kubeWrites, startClusterWorld } from './cluster-world.ts';
import { mesh, namespace, reconcileIn, tree, virtualNode } from './orders-mesh.ts';

const base = [mesh, namespace, virtualNode].join('---\n');
// The annotation is on line 47 of shop.yaml: the base is 33 lines, then the separator.
const deployment = (annotation: string) => `apiVersion: apps/v1
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
      annotations:
        ${annotation}
      labels:
        app: orders
    spec:
      containers:
        - name: app
          image: orders:1
`;

describe('injector refusals, before any write anywhere', () => {
  let world: ClusterWorld;
  beforeEach(async () => {
    world = await startClusterWorld();
  });
  afterEach(() => world.close());

  const run = reconcileIn(() => world);

  it.each([
    [
      'appmesh.k8s.aws/sidecarEnv: "DD_ENV=prod=1"',
      'malformed annotation appmesh.k8s.aws/sidecarEnv, expected format: EnvVariableKey=EnvVariableValue',
    ],
    [
      'appmesh.k8s.aws/secretMounts: "tls-/etc/tls"',
      'malformed annotation appmesh.k8s.aws/secretMounts, expected format: secretName:mountPath',
    ],
  ])('refuses %s with the controller reason, at the annotation in Git', async (annotation, reason) => {
    const refused = await run(tree(base, deployment(annotation)));
    expect(refused.status).toBe('refused');
    const name = annotation.slice(0, annotation.indexOf(':'));
    expect(refused.clusterPlan!.blockers.map((b) => b.message)).toEqual([
      `shop.yaml:47:9: Deployment/prod/orders spec.template.metadata.annotations["${name}"]: ${reason}`,
    ]);
    expect(kubeWrites(world.kube)).toEqual([]);
    expect(writeCalls(world.emulator)).toEqual([]);
  });

  it('refuses an X-Ray log level and a role the controller refuses, naming the setting', async () => {
    world.target.injector = {
      tracing: {
        kind: 'x-ray',
        daemonPort: 2000,
        samplingRate: 0.05,
        image: 'xray',
        logLevel: 'stage',
        roleArn: 'xray-cross-account arn',
      },
    };
    const error = await run(tree(base, deployment('appmesh.k8s.aws/sidecarEnv: "A=1"'))).catch((e) => e);
    expect(error).toBeInstanceOf(MeshcdError);
    expect(error).toMatchObject({ phase: 'config', reason: 'invalid-injector-setting', retryable: false });
    expect(error.message).toContain(
      'tracing.logLevel: "stage" is not valid. Set one of dev, debug, info, prod, warn, error',
    );
    expect(error.message).toContain('tracing.role: "xray-cross-account arn" is not a valid `--role-arn`.');
    expect(kubeWrites(world.kube)).toEqual([]);
    expect(writeCalls(world.emulator)).toEqual([]);
  });
});
