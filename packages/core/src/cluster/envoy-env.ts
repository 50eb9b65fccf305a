import { samplingRate, sidecarEnv } from './injection-annotations.ts';
import type { InjectorOptions } from './injector-options.ts';
import { type EnvVar, type PodTemplate, podAnnotation } from './pod-template.ts';

export interface ProxyIdentity {
  /** `APPMESH_RESOURCE_ARN`: the full ARN of the virtual node or gateway. */
  arn: string;
  /** `mesh/<mesh[@owner]>/virtualNode/<name>`: the controller's resource name, kept in the legacy variable. */
  resourceName: string;
  kind: 'VirtualNode' | 'VirtualGateway';
}

const bit = (on: boolean) => (on ? '1' : '0');
const plain = (name: string, value: string | number): EnvVar => ({ name, value: String(value) });
/** `ref:status.hostIP` in an address flag becomes a downward-API reference, as the controller does. */
const address = (name: string, value: string): EnvVar =>
  value.startsWith('ref:')
    ? { name, valueFrom: { fieldRef: { fieldPath: value.slice('ref:'.length) } } }
    : plain(name, value);

function tracingEnv(options: InjectorOptions, user: ReadonlyMap<string, string>): EnvVar[] {
  const env: EnvVar[] = [];
  const t = options.tracing;
  if (t?.kind === 'x-ray') {
    const rate = user.get('XRAY_SAMPLING_RATE') ?? String(t.samplingRate);
    env.push(
      plain('ENABLE_ENVOY_XRAY_TRACING', 1),
      plain('XRAY_DAEMON_PORT', t.daemonPort),
      plain('XRAY_SAMPLING_RATE', samplingRate(rate)),
    );
  } else if (t?.kind === 'jaeger') {
    env.push(
      plain('ENABLE_ENVOY_JAEGER_TRACING', 1),
      plain('JAEGER_TRACER_PORT', t.port),
      address('JAEGER_TRACER_ADDRESS', t.address),
    );
  } else if (t?.kind === 'datadog') {
    env.push(
      plain('ENABLE_ENVOY_DATADOG_TRACING', 1),
      plain('DATADOG_TRACER_PORT', t.port),
      address('DATADOG_TRACER_ADDRESS', t.address),
    );
  }
  if (options.statsTags) env.push(plain('ENABLE_ENVOY_STATS_TAGS', 1));
  if (options.statsd) {
    env.push(
      plain('ENABLE_ENVOY_DOG_STATSD', 1),
      plain('STATSD_PORT', options.statsd.port),
      address('STATSD_ADDRESS', options.statsd.address),
    );
    if (options.statsd.socketPath) env.push(plain('STATSD_SOCKET_PATH', options.statsd.socketPath));
  }
  return env;
}

/**
 * The Envoy environment of §5.2 (and §5.3 for gateways): the controller's variables first, then the
 * pod's `sidecarEnv`/`sidecarEnvJson` variables whose names the controller does not set itself.
 */
export function envoyEnv(
  identity: ProxyIdentity,
  template: PodTemplate,
  options: InjectorOptions,
  sdsActive: boolean,
): EnvVar[] {
  const user = sidecarEnv(podAnnotation(template, 'sidecarEnv'), podAnnotation(template, 'sidecarEnvJson'));
  const userValues = new Map(user.map((e) => [e.name, 'value' in e ? e.value : '']));
  const previewAnnotation = podAnnotation(template, 'preview');
  const preview = previewAnnotation === undefined ? options.preview : previewAnnotation === 'enabled';
  const env: EnvVar[] = [
    plain('APPMESH_RESOURCE_ARN', identity.arn),
    // Gateways too: the controller names a gateway's Envoy in the legacy variable as well.
    plain('APPMESH_VIRTUAL_NODE_NAME', identity.resourceName),
    plain('AWS_REGION', options.region),
    plain('ENVOY_ADMIN_ACCESS_ENABLE_IPV6', String(options.envoyAdminAccessEnableIpv6)),
    plain('APPMESH_DUALSTACK_ENDPOINT', bit(options.dualStackEndpoint)),
    plain('APPMESH_FIPS_ENDPOINT', bit(options.fipsEndpoint)),
    plain('APPMESH_PREVIEW', bit(preview)),
    plain('ENVOY_LOG_LEVEL', options.logLevel),
    ...(sdsActive ? [plain('APPMESH_SDS_SOCKET_PATH', options.sdsUdsPath)] : []),
    plain('ENVOY_ADMIN_ACCESS_PORT', options.adminPort),
    plain('ENVOY_ADMIN_ACCESS_LOG_FILE', options.adminAccessLogFile),
    plain('APPMESH_PLATFORM_K8S_VERSION', options.platformK8sVersion),
    plain('APPMESH_PLATFORM_APP_MESH_CONTROLLER_VERSION', options.platformControllerVersion),
    plain('APPNET_AGENT_ADMIN_MODE', 'uds'),
    plain('APPNET_AGENT_ADMIN_UDS_PATH', '/tmp/agent.sock'),
    { name: 'APPMESH_PLATFORM_K8S_POD_UID', valueFrom: { fieldRef: { fieldPath: 'metadata.uid' } } },
    ...tracingEnv(options, userValues),
  ];
  const managed = new Set(env.map((e) => e.name));
  return [...env, ...user.filter((e) => !managed.has(e.name))];
}

/** Requests and limits of the sidecars: the flags, overridden per pod by the resource annotations. */
export function sidecarResources(
  template: PodTemplate | undefined,
  options: InjectorOptions,
): Record<string, Record<string, string>> {
  const pick = (annotation: string, flag: string | undefined) =>
    (template ? podAnnotation(template, annotation) : undefined) ?? flag;
  const requests = compact({
    cpu: pick('cpuRequest', options.sidecarResources.cpuRequest),
    memory: pick('memoryRequest', options.sidecarResources.memoryRequest),
  });
  const limits = compact({
    cpu: pick('cpuLimit', options.sidecarResources.cpuLimit),
    memory: pick('memoryLimit', options.sidecarResources.memoryLimit),
  });
  return compact({
    requests: Object.keys(requests).length > 0 ? requests : undefined,
    limits: Object.keys(limits).length > 0 ? limits : undefined,
  });
}

function compact<T>(record: Record<string, T | undefined>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter((e): e is [string, T] => e[1] !== undefined));
}

/** Envoy's readiness probe: the admin `server_info` must say LIVE. */
export const envoyReadinessProbe = (options: InjectorOptions) => ({
  exec: {
    command: [
      'sh',
      '-c',
      `curl -s http://localhost:${options.adminPort}/server_info | grep state | grep -q LIVE`,
    ],
  },
  initialDelaySeconds: options.readinessProbeInitialDelaySeconds,
  periodSeconds: options.readinessProbePeriodSeconds,
  timeoutSeconds: 1,
  successThreshold: 1,
  failureThreshold: 3,
});
