import { describe, expect, it } from 'vitest';
import type { DesiredMeshMember } from '../desired/desired-state.ts';
import { MeshcdError } from '../errors/meshcd-error.ts';
import { computeInjection } from './compute-injection.ts';
import { mountPairs, sidecarEnv, xrayConfigMount } from './injection-annotations.ts';
import { injectorOptions, type TracingOptions } from './injector-options.ts';

// Cases and refusals from the controller's own table tests (pkg/inject/envoy_test.go, xray_test.go).
describe('pod annotations the controller refuses, in its words', () => {
  it.each([
    ['DD_ENV=prod, TEST_ENV', 'a bare name'],
    ['A=b=c', 'a second ='],
    ['A=1,', 'an empty entry'],
    ['', 'an empty annotation'],
    ['=orphan', 'an empty name'],
  ])('refuses sidecarEnv "%s" (%s)', (value) => {
    expect(() => sidecarEnv(value, undefined)).toThrow(
      'malformed annotation appmesh.k8s.aws/sidecarEnv, expected format: EnvVariableKey=EnvVariableValue',
    );
  });

  it('reads a well-formed sidecarEnv, trimming around names and values', () => {
    expect(sidecarEnv('DD_ENV=prod, TEST_ENV=env_val', undefined)).toEqual([
      { name: 'DD_ENV', value: 'prod' },
      { name: 'TEST_ENV', value: 'env_val' },
    ]);
  });

  it.each([
    ['secretMounts', 'tls', 'secretName:mountPath'],
    ['secretMounts', 'tls:/a:/b', 'secretName:mountPath'],
    ['volumeMounts', 'certs:/etc/certs,logs', 'volumeName:mountPath'],
    ['volumeMounts', 'certs:', 'volumeName:mountPath'],
  ] as const)('refuses %s "%s"', (annotation, value, format) => {
    expect(() => mountPairs(annotation, value)).toThrow(
      `malformed annotation appmesh.k8s.aws/${annotation}, expected format: ${format}`,
    );
  });

  it('refuses more than one xrayAgentConfigMount, then a malformed one', () => {
    const two = 'xray-daemon-config1:/tmp/,xray-daemon-config2:/tmp/,';
    expect(() => xrayConfigMount(two)).toThrow(
      `provide only one config mount for annotation "appmesh.k8s.aws/xrayAgentConfigMount: ${two}"`,
    );
    expect(() => xrayConfigMount('xray-daemon-config1-/tmp/')).toThrow(
      'malformed annotation "appmesh.k8s.aws/xrayAgentConfigMount", expected format: volumeName:mountPath',
    );
  });

  it('names the annotation on the error, so the refusal can point at it', () => {
    try {
      sidecarEnv('A=b=c', undefined);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MeshcdError);
      expect(error).toMatchObject({ annotation: 'sidecarEnv', reason: 'invalid-pod-annotation' });
    }
  });
});

const node = {
  kind: 'VirtualNode',
  key: 'appmesh:shop/VirtualNode/orders_prod',
  namespace: 'prod',
  objectName: 'orders',
  name: 'orders_prod',
  meshName: 'shop',
  podSelector: { matchLabels: { app: 'orders' } },
  listeners: [{ port: 8080, protocol: 'http' }],
  crdSpec: {},
  source: {
    ref: { apiVersion: 'appmesh.k8s.aws/v1beta2', kind: 'VirtualNode', namespace: 'prod', name: 'orders' },
    location: { file: 'orders.yaml', line: 1, column: 1 },
  },
} as DesiredMeshMember;

const xray = (extra: Partial<Extract<TracingOptions, { kind: 'x-ray' }>> = {}): TracingOptions => ({
  kind: 'x-ray',
  daemonPort: 2000,
  samplingRate: 0.05,
  image: 'public.ecr.aws/xray/aws-xray-daemon',
  logLevel: 'prod',
  ...extra,
});

const daemonOf = (annotations: Record<string, string>, tracing: TracingOptions) =>
  computeInjection(
    node,
    { metadata: { labels: { app: 'orders' }, annotations }, spec: { containers: [{ name: 'app' }] } },
    injectorOptions({ region: 'us-west-2', accountId: '123456789012' }, { tracing }),
  ).template.spec.containers?.find((c) => c.name === 'xray-daemon');

describe('the X-Ray daemon settings, as the controller checks and passes them', () => {
  it('passes every valid log level as --log-level, prod included, and the role as --role-arn', () => {
    const role = 'arn:aws:iam::123456789012:role/xray-cross-account';
    expect(daemonOf({}, xray({ logLevel: 'dev', roleArn: role }))?.args).toEqual([
      '--log-level',
      'dev',
      '--role-arn',
      role,
    ]);
    expect(daemonOf({}, xray())?.args).toEqual(['--log-level', 'prod']);
    expect(daemonOf({}, xray({ logLevel: '' }))?.args).toBeUndefined();
  });

  it('refuses a log level the daemon does not know', () => {
    expect(() => daemonOf({}, xray({ logLevel: 'stage' }))).toThrow(
      'tracing.logLevel: "stage" is not valid. Set one of dev, debug, info, prod, warn, error',
    );
  });

  it('refuses a role that is not an ARN', () => {
    expect(() => daemonOf({}, xray({ roleArn: 'xray-cross-account arn' }))).toThrow(
      'tracing.role: "xray-cross-account arn" is not a valid `--role-arn`. Please refer to AWS X-Ray Documentation for more information',
    );
  });

  it('joins the config file to the mounted directory, with or without its trailing slash', () => {
    for (const path of ['/tmp/', '/tmp']) {
      const daemon = daemonOf(
        { 'appmesh.k8s.aws/xrayAgentConfigMount': `xray-daemon-config:${path}` },
        xray(),
      );
      expect(daemon?.command).toEqual(['/xray', '--config', '/tmp/xray-daemon.yaml']);
      expect(daemon?.volumeMounts).toEqual([{ name: 'xray-daemon-config', mountPath: path, readOnly: true }]);
      expect(daemon?.args).toBeUndefined();
    }
  });
});
