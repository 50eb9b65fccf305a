import { describe, expect, it } from 'vitest';
import type { DesiredMeshMember } from '../desired/desired-state.ts';
import { computeInjection, envoyReadinessWait } from './compute-injection.ts';
import { yieldToInjection } from './injection-body.ts';
import { injectorOptions, type TracingOptions } from './injector-options.ts';
import type { PodTemplate } from './pod-template.ts';

const options = injectorOptions({ region: 'eu-west-1', accountId: '111122223333' });

const node = (extra: Partial<DesiredMeshMember> = {}): DesiredMeshMember =>
  ({
    kind: 'VirtualNode',
    key: 'appmesh:shop/VirtualNode/orders_prod',
    namespace: 'prod',
    objectName: 'orders',
    name: 'orders_prod',
    meshName: 'shop',
    podSelector: { matchLabels: { app: 'orders' } },
    listeners: [
      { port: 8080, protocol: 'http' },
      { port: 9090, protocol: 'grpc' },
    ],
    crdSpec: {},
    source: {
      ref: { apiVersion: 'appmesh.k8s.aws/v1beta2', kind: 'VirtualNode', namespace: 'prod', name: 'orders' },
      location: { file: 'orders.yaml', line: 1, column: 1 },
    },
    ...extra,
  }) as DesiredMeshMember;

const gateway = (): DesiredMeshMember =>
  ({
    ...node(),
    kind: 'VirtualGateway',
    key: 'appmesh:shop/VirtualGateway/ingress_prod',
    objectName: 'ingress',
    name: 'ingress_prod',
    listeners: [{ port: 8088, protocol: 'http' }],
  }) as DesiredMeshMember;

const pod = (annotations: Record<string, string> = {}, spec: PodTemplate['spec'] = {}): PodTemplate => ({
  metadata: { labels: { app: 'orders' }, annotations },
  spec: { containers: [{ name: 'app', image: 'orders:1' }], ...spec },
});

const envOf = (container: Record<string, unknown> | undefined) =>
  Object.fromEntries(
    ((container?.env ?? []) as Array<{ name: string; value?: string; valueFrom?: unknown }>).map((e) => [
      e.name,
      e.value ?? e.valueFrom,
    ]),
  );

describe('computeInjection for a VirtualNode, mutator by mutator as the controller (§5.2)', () => {
  it('adds proxyinit, the envoy container and fsGroup to a plain http node, field for field', () => {
    const injection = computeInjection(node(), pod(), options);
    expect(injection.template).toEqual({
      spec: {
        initContainers: [
          {
            name: 'proxyinit',
            image: '840364872350.dkr.ecr.us-west-2.amazonaws.com/aws-appmesh-proxy-route-manager:v7-prod',
            securityContext: { capabilities: { add: ['NET_ADMIN'] } },
            resources: { requests: { cpu: '10m', memory: '32Mi' } },
            env: [
              { name: 'APPMESH_START_ENABLED', value: '1' },
              { name: 'APPMESH_IGNORE_UID', value: '1337' },
              { name: 'APPMESH_ENVOY_INGRESS_PORT', value: '15000' },
              { name: 'APPMESH_ENVOY_EGRESS_PORT', value: '15001' },
              { name: 'APPMESH_APP_PORTS', value: '8080,9090' },
              { name: 'APPMESH_EGRESS_IGNORED_IP', value: '169.254.169.254' },
              { name: 'APPMESH_EGRESS_IGNORED_PORTS', value: '22' },
              { name: 'APPMESH_ENABLE_IPV6', value: '1' },
            ],
          },
        ],
        containers: [
          {
            name: 'envoy',
            image: 'public.ecr.aws/appmesh/aws-appmesh-envoy:v1.34.13.3-prod',
            securityContext: { runAsUser: 1337 },
            ports: [{ containerPort: 9901, name: 'stats', protocol: 'TCP' }],
            env: [
              {
                name: 'APPMESH_RESOURCE_ARN',
                value: 'arn:aws:appmesh:eu-west-1:111122223333:mesh/shop/virtualNode/orders_prod',
              },
              { name: 'APPMESH_VIRTUAL_NODE_NAME', value: 'mesh/shop/virtualNode/orders_prod' },
              { name: 'AWS_REGION', value: 'eu-west-1' },
              { name: 'ENVOY_ADMIN_ACCESS_ENABLE_IPV6', value: 'false' },
              { name: 'APPMESH_DUALSTACK_ENDPOINT', value: '0' },
              { name: 'APPMESH_FIPS_ENDPOINT', value: '0' },
              { name: 'APPMESH_PREVIEW', value: '0' },
              { name: 'ENVOY_LOG_LEVEL', value: 'info' },
              { name: 'ENVOY_ADMIN_ACCESS_PORT', value: '9901' },
              { name: 'ENVOY_ADMIN_ACCESS_LOG_FILE', value: '/tmp/envoy_admin_access.log' },
              { name: 'APPMESH_PLATFORM_K8S_VERSION', value: 'unknown' },
              { name: 'APPMESH_PLATFORM_APP_MESH_CONTROLLER_VERSION', value: 'meshcd' },
              { name: 'APPNET_AGENT_ADMIN_MODE', value: 'uds' },
              { name: 'APPNET_AGENT_ADMIN_UDS_PATH', value: '/tmp/agent.sock' },
              {
                name: 'APPMESH_PLATFORM_K8S_POD_UID',
                valueFrom: { fieldRef: { fieldPath: 'metadata.uid' } },
              },
            ],
            resources: { requests: { cpu: '10m', memory: '32Mi' } },
            lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 20'] } } },
            readinessProbe: {
              exec: {
                command: [
                  'sh',
                  '-c',
                  'curl -s http://localhost:9901/server_info | grep state | grep -q LIVE',
                ],
              },
              initialDelaySeconds: 1,
              periodSeconds: 10,
              timeoutSeconds: 1,
              successThreshold: 1,
              failureThreshold: 3,
            },
          },
        ],
        securityContext: { fsGroup: 1337 },
      },
    });
  });

  it.each<[string, Record<string, string>, Record<string, string>]>([
    [
      'interception annotations replace the listener ports and ignored addresses',
      {
        'appmesh.k8s.aws/ports': '80',
        'appmesh.k8s.aws/egressIgnoredIPs': '10.0.0.1',
        'appmesh.k8s.aws/egressIgnoredPorts': '22,3306',
        'appmesh.k8s.aws/ipv6': 'disabled',
      },
      {
        APPMESH_APP_PORTS: '80',
        APPMESH_EGRESS_IGNORED_IP: '10.0.0.1',
        APPMESH_EGRESS_IGNORED_PORTS: '22,3306',
        APPMESH_ENABLE_IPV6: '0',
      },
    ],
    ['no annotations: the listener ports, comma-joined', {}, { APPMESH_APP_PORTS: '8080,9090' }],
  ])('proxyinit: %s', (_, annotations, expected) => {
    const init = computeInjection(node(), pod(annotations), options).template.spec.initContainers?.[0];
    expect(envOf(init)).toMatchObject(expected);
  });

  it('proxyinit resources come from the flags only, envoy takes the pod resource annotations', () => {
    const template = pod({ 'appmesh.k8s.aws/cpuRequest': '50m', 'appmesh.k8s.aws/memoryLimit': '128Mi' });
    const spec = computeInjection(node(), template, options).template.spec;
    expect(spec.initContainers?.[0]?.resources).toEqual({ requests: { cpu: '10m', memory: '32Mi' } });
    expect(spec.containers?.[0]?.resources).toEqual({
      requests: { cpu: '50m', memory: '32Mi' },
      limits: { memory: '128Mi' },
    });
  });

  it('the preview annotation overrides the preview flag, either way', () => {
    const on = computeInjection(node(), pod({ 'appmesh.k8s.aws/preview': 'enabled' }), options);
    expect(envOf(on.template.spec.containers?.[0]).APPMESH_PREVIEW).toBe('1');
    const off = computeInjection(
      node(),
      pod({ 'appmesh.k8s.aws/preview': 'disabled' }),
      injectorOptions(options, { preview: true }),
    );
    expect(envOf(off.template.spec.containers?.[0]).APPMESH_PREVIEW).toBe('0');
  });

  it.each<[string, TracingOptions, Record<string, unknown>]>([
    [
      'x-ray',
      {
        kind: 'x-ray',
        daemonPort: 2000,
        samplingRate: 0.05,
        image: 'public.ecr.aws/xray/aws-xray-daemon',
        logLevel: 'prod',
      },
      { ENABLE_ENVOY_XRAY_TRACING: '1', XRAY_DAEMON_PORT: '2000', XRAY_SAMPLING_RATE: '0.05' },
    ],
    [
      'jaeger',
      { kind: 'jaeger', port: 9411, address: 'appmesh-jaeger.appmesh-system' },
      {
        ENABLE_ENVOY_JAEGER_TRACING: '1',
        JAEGER_TRACER_PORT: '9411',
        JAEGER_TRACER_ADDRESS: 'appmesh-jaeger.appmesh-system',
      },
    ],
    [
      'datadog on the node agent',
      { kind: 'datadog', port: 8126, address: 'ref:status.hostIP' },
      {
        ENABLE_ENVOY_DATADOG_TRACING: '1',
        DATADOG_TRACER_PORT: '8126',
        DATADOG_TRACER_ADDRESS: { fieldRef: { fieldPath: 'status.hostIP' } },
      },
    ],
  ])('sets the %s tracing variables on envoy (§5.4)', (_, tracing, expected) => {
    const envoy = computeInjection(node(), pod(), injectorOptions(options, { tracing })).template.spec
      .containers?.[0];
    expect(envOf(envoy)).toMatchObject(expected);
  });

  it('adds the X-Ray daemon with x-ray tracing, and a pod sidecarEnv sampling rate wins, rounded to 2 decimals', () => {
    const tracing: TracingOptions = {
      kind: 'x-ray',
      daemonPort: 2000,
      samplingRate: 0.05,
      image: 'public.ecr.aws/xray/aws-xray-daemon',
      logLevel: 'debug',
    };
    const spec = computeInjection(
      node(),
      pod({ 'appmesh.k8s.aws/sidecarEnv': 'XRAY_SAMPLING_RATE=0.127, TEAM=orders' }),
      injectorOptions(options, { tracing }),
    ).template.spec;
    expect(envOf(spec.containers?.[0])).toMatchObject({ XRAY_SAMPLING_RATE: '0.13', TEAM: 'orders' });
    expect(spec.containers?.[1]).toEqual({
      name: 'xray-daemon',
      image: 'public.ecr.aws/xray/aws-xray-daemon',
      securityContext: { runAsUser: 1337 },
      ports: [{ containerPort: 2000, name: 'xray', protocol: 'UDP' }],
      env: [{ name: 'AWS_REGION', value: 'eu-west-1' }],
      resources: { requests: { cpu: '10m', memory: '32Mi' } },
      args: ['--log-level', 'debug'],
    });
  });

  it('rejects a sampling rate outside 0..1, as the controller rejects the pod', () => {
    const tracing: TracingOptions = {
      kind: 'x-ray',
      daemonPort: 2000,
      samplingRate: 0.05,
      image: 'x',
      logLevel: 'prod',
    };
    expect(() =>
      computeInjection(
        node(),
        pod({ 'appmesh.k8s.aws/sidecarEnv': 'XRAY_SAMPLING_RATE=2' }),
        injectorOptions(options, { tracing }),
      ),
    ).toThrow('tracing.samplingRate should be a decimal between 0 & 1.00, but instead got 2');
  });

  it('controller variables win over sidecarEnv; sidecarEnvJson wins over sidecarEnv', () => {
    const template = pod({
      'appmesh.k8s.aws/sidecarEnv': 'AWS_REGION=us-east-1, A=plain',
      'appmesh.k8s.aws/sidecarEnvJson': '[{"A":"json"}]',
    });
    const env = envOf(computeInjection(node(), template, options).template.spec.containers?.[0]);
    expect(env).toMatchObject({ AWS_REGION: 'eu-west-1', A: 'json' });
  });

  it('uses annotations instead of an init container in CNI mode, keeping the pod own annotations', () => {
    const template = pod({
      'appmesh.k8s.aws/appmeshCNI': 'enabled',
      'appmesh.k8s.aws/egressIgnoredPorts': '443',
    });
    const injection = computeInjection(node(), template, options);
    expect(injection.template.spec.initContainers).toBeUndefined();
    expect(injection.template.metadata?.annotations).toEqual({
      'appmesh.k8s.aws/ports': '8080,9090',
      'appmesh.k8s.aws/egressIgnoredIPs': '169.254.169.254',
      'appmesh.k8s.aws/proxyEgressPort': '15001',
      'appmesh.k8s.aws/proxyIngressPort': '15000',
      'appmesh.k8s.aws/ignoredUID': '1337',
      'appmesh.k8s.aws/sidecarInjectorWebhook': 'enabled',
    });
  });

  it('mounts secrets and existing volumes read-only, and the SDS socket when SDS is on', () => {
    const template = pod({
      'appmesh.k8s.aws/secretMounts': 'orders-tls:/certs',
      'appmesh.k8s.aws/volumeMounts': 'config:/etc/envoy-extra',
    });
    const spec = computeInjection(node(), template, injectorOptions(options, { enableSds: true })).template
      .spec;
    expect(spec.volumes).toEqual([
      {
        name: 'appmesh-sds-socket-volume',
        hostPath: { path: '/run/spire/sockets/agent.sock', type: 'Socket' },
      },
      { name: 'orders-tls', secret: { secretName: 'orders-tls' } },
    ]);
    expect(spec.containers?.[0]?.volumeMounts).toEqual([
      { name: 'orders-tls', mountPath: '/certs', readOnly: true },
      { name: 'config', mountPath: '/etc/envoy-extra', readOnly: true },
      { name: 'appmesh-sds-socket-volume', mountPath: '/run/spire/sockets/agent.sock' },
    ]);
    expect(envOf(spec.containers?.[0]).APPMESH_SDS_SOCKET_PATH).toBe('/run/spire/sockets/agent.sock');
  });

  it('names the mesh owner in the ARN and marks a shared mesh in the legacy name', () => {
    const envoy = computeInjection(node({ meshOwner: '444455556666' }), pod(), options).template.spec
      .containers?.[0];
    expect(envOf(envoy)).toMatchObject({
      APPMESH_RESOURCE_ARN: 'arn:aws:appmesh:eu-west-1:444455556666:mesh/shop/virtualNode/orders_prod',
      APPMESH_VIRTUAL_NODE_NAME: 'mesh/shop@444455556666/virtualNode/orders_prod',
    });
  });

  it('adds the Cloud Map readiness gate for a node using Cloud Map, and leaves an existing fsGroup', () => {
    const cloudMap = node({
      crdSpec: { serviceDiscovery: { awsCloudMap: { namespaceName: 'shop.local', serviceName: 'orders' } } },
    } as never);
    const spec = computeInjection(cloudMap, pod({}, { securityContext: { fsGroup: 2000 } }), options).template
      .spec;
    expect(spec.readinessGates).toEqual([
      { conditionType: 'conditions.appmesh.k8s.aws/aws-cloudmap-healthy' },
    ]);
    expect(spec.securityContext).toBeUndefined();
  });

  it('keeps the pod own readiness gates beside the Cloud Map gate, since the list is replaced whole', () => {
    const cloudMap = node({
      crdSpec: { serviceDiscovery: { awsCloudMap: { namespaceName: 'shop.local', serviceName: 'orders' } } },
    } as never);
    const own = { readinessGates: [{ conditionType: 'example.com/warm' }] };
    const injection = computeInjection(cloudMap, pod({}, own), options);
    expect(injection.template.spec.readinessGates).toEqual([
      { conditionType: 'example.com/warm' },
      { conditionType: 'conditions.appmesh.k8s.aws/aws-cloudmap-healthy' },
    ]);
    // One owner for the atomic list: the Git workload leaves it to the injection.
    const workload = { apiVersion: 'apps/v1', kind: 'Deployment', spec: { template: pod({}, own) } };
    expect(yieldToInjection(workload, injection).spec.template.spec).not.toHaveProperty('readinessGates');
  });

  it('skips what the pod already has: its own proxyinit and envoy containers', () => {
    const template = pod(
      {},
      {
        initContainers: [{ name: 'proxyinit', image: 'own' }],
        containers: [{ name: 'app' }, { name: 'envoy', image: 'own' }],
      },
    );
    const spec = computeInjection(node(), template, options).template.spec;
    expect(spec.initContainers).toBeUndefined();
    expect(spec.containers).toBeUndefined();
  });

  it('puts Envoy first with --wait-until-proxy-ready, its postStart hook reading the version at run time', () => {
    const wait = injectorOptions(options, {
      waitUntilProxyReady: true,
      postStartTimeoutSeconds: 60,
      postStartIntervalSeconds: 2,
      tracing: { kind: 'x-ray', daemonPort: 2000, samplingRate: 0.05, image: 'xray', logLevel: '' },
    });
    const injection = computeInjection(node(), pod(), wait);
    expect(injection.containerOrder).toEqual(['envoy', 'app', 'xray-daemon']);
    const envoy = injection.template.spec.containers?.[0];
    expect(envoy?.lifecycle).toEqual({
      preStop: { exec: { command: ['sh', '-c', 'sleep 20'] } },
      postStart: { exec: { command: envoyReadinessWait(wait) } },
    });
    const [shell, flag, script] = envoyReadinessWait(wait);
    expect([shell, flag]).toEqual(['sh', '-c']);
    // The controller's command, with the flags' values inline rather than in the container's environment.
    expect(script).toBe(
      `if [[ $(/usr/bin/envoy --version) =~ ([0-9]+)\\.([0-9]+)\\.([0-9]+)-appmesh\\.([0-9]+) && ` +
        `\${BASH_REMATCH[1]} -ge 2 || (\${BASH_REMATCH[1]} -ge 1 && \${BASH_REMATCH[2]} -gt 22) || (\${BASH_REMATCH[1]} -ge 1 && ` +
        `\${BASH_REMATCH[2]} -ge 22 && \${BASH_REMATCH[3]} -gt 2) || (\${BASH_REMATCH[1]} -ge 1 && \${BASH_REMATCH[2]} -ge 22 && ` +
        `\${BASH_REMATCH[3]} -ge 2 && \${BASH_REMATCH[4]} -gt 0) ]]; then APPNET_AGENT_POLL_ENVOY_READINESS_TIMEOUT_S=60 ` +
        `APPNET_AGENT_POLL_ENVOY_READINESS_INTERVAL_S=2 /usr/bin/agent -envoyReadiness; else echo 'WaitUntilProxyReady ` +
        `is not supported in Envoy version < 1.22.2.1'; fi`,
    );
    expect(Object.keys(envOf(envoy))).not.toContain('APPNET_AGENT_POLL_ENVOY_READINESS_TIMEOUT_S');
  });

  it('waits 180 s polling every 5 s by default, whatever the image tag says', () => {
    const wait = injectorOptions(options, { waitUntilProxyReady: true, envoyImage: 'mirror/envoy:latest' });
    const envoy = computeInjection(node(), pod(), wait).template.spec.containers?.[0];
    const script = (envoy!.lifecycle as { postStart: { exec: { command: string[] } } }).postStart.exec
      .command[2];
    expect(script).toContain(
      'APPNET_AGENT_POLL_ENVOY_READINESS_TIMEOUT_S=180 APPNET_AGENT_POLL_ENVOY_READINESS_INTERVAL_S=5 ',
    );
  });

  it('appends Envoy without a postStart hook or an order by default', () => {
    const injection = computeInjection(node(), pod(), options);
    expect(injection.containerOrder).toBeUndefined();
    expect(injection.template.spec.containers?.[0]?.lifecycle).toEqual({
      preStop: { exec: { command: ['sh', '-c', 'sleep 20'] } },
    });
  });

  it('sets ENVOY_ADMIN_ACCESS_ENABLE_IPV6 from its own flag, where the controller always wrote false (§5.4 bug)', () => {
    const envoy = computeInjection(
      node(),
      pod(),
      injectorOptions(options, { envoyAdminAccessEnableIpv6: true }),
    ).template.spec.containers?.[0];
    expect(envOf(envoy)).toMatchObject({
      ENVOY_ADMIN_ACCESS_ENABLE_IPV6: 'true',
      APPMESH_DUALSTACK_ENDPOINT: '0',
    });
  });
});

describe('computeInjection for a VirtualGateway (§5.3)', () => {
  const gatewayPod = (annotations: Record<string, string> = {}, envoy: Record<string, unknown> = {}) =>
    pod(annotations, {
      containers: [
        { name: 'envoy', image: 'my-envoy:1', env: [{ name: 'ENVOY_LOG_LEVEL', value: 'debug' }], ...envoy },
      ],
    });

  it('configures the existing envoy container: environment, image and readiness probe; adds nothing else', () => {
    const spec = computeInjection(gateway(), gatewayPod(), options).template.spec;
    expect(spec.initContainers).toBeUndefined();
    expect(spec.securityContext).toBeUndefined();
    expect(spec.containers).toHaveLength(1);
    const envoy = spec.containers![0]!;
    expect(envoy.image).toBe('public.ecr.aws/appmesh/aws-appmesh-envoy:v1.34.13.3-prod');
    expect(envoy.readinessProbe).toBeDefined();
    expect(envOf(envoy)).toMatchObject({
      APPMESH_RESOURCE_ARN: 'arn:aws:appmesh:eu-west-1:111122223333:mesh/shop/virtualGateway/ingress_prod',
      ENVOY_LOG_LEVEL: 'info',
    });
    expect(envOf(envoy).APPMESH_VIRTUAL_NODE_NAME).toBe('mesh/shop/virtualGateway/ingress_prod');
  });

  it('overwrites a stale APPMESH_VIRTUAL_NODE_NAME the gateway pod declares: the Git workload yields it', () => {
    const stale = { name: 'APPMESH_VIRTUAL_NODE_NAME', value: 'mesh/old/virtualNode/gone' };
    const template = gatewayPod({}, { env: [stale, { name: 'KEEP', value: '1' }] });
    const injection = computeInjection(gateway(), template, options);
    const workload = { apiVersion: 'apps/v1', kind: 'Deployment', spec: { template } };
    const applied = yieldToInjection(workload, injection).spec.template.spec!.containers![0]!;
    expect(applied.env).toEqual([{ name: 'KEEP', value: '1' }]);
    expect(envOf(injection.template.spec.containers![0]).APPMESH_VIRTUAL_NODE_NAME).toBe(
      'mesh/shop/virtualGateway/ingress_prod',
    );
  });

  it('keeps the pod image with virtualGatewaySkipImageOverride and a readiness probe the pod has', () => {
    const template = gatewayPod(
      { 'appmesh.k8s.aws/virtualGatewaySkipImageOverride': 'enabled' },
      { readinessProbe: { tcpSocket: { port: 8088 } } },
    );
    const envoy = computeInjection(gateway(), template, options).template.spec.containers![0]!;
    expect(envoy.image).toBeUndefined();
    expect(envoy.readinessProbe).toBeUndefined();
  });

  it('does nothing to a gateway pod without an envoy container', () => {
    expect(computeInjection(gateway(), pod(), options).template).toEqual({ spec: {} });
  });
});
