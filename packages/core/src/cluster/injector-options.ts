/** The one tracer the injector may enable (the controller refuses to start with two). */
export type TracingOptions =
  | {
      kind: 'x-ray';
      daemonPort: number;
      samplingRate: number;
      image: string;
      logLevel: string;
      roleArn?: string;
    }
  | { kind: 'jaeger'; port: number; address: string }
  | { kind: 'datadog'; port: number; address: string };

interface StatsdOptions {
  port: number;
  address: string;
  socketPath?: string;
}

/**
 * The sidecar injector's configuration: the appmesh-controller's flags (specs/appmesh-controller.md
 * §5), as deploy-time settings of a target. Field names follow the flags; defaults are the controller's.
 */
export interface InjectorOptions {
  /** `AWS_REGION` of the proxies, and the region of the ARNs they connect as. */
  region: string;
  /** Account of the ARNs when a mesh has no owner of its own. */
  accountId: string;
  /** `--sidecar-image-repository:--sidecar-image-tag`. */
  envoyImage: string;
  /** `--init-image`. */
  initImage: string;
  /** `--sidecar-cpu-requests`, `--sidecar-memory-requests`, and the limits (unset by default). */
  sidecarResources: { cpuRequest?: string; memoryRequest?: string; cpuLimit?: string; memoryLimit?: string };
  /** `--sidecar-log-level`. */
  logLevel: string;
  adminPort: number;
  adminAccessLogFile: string;
  /** `--prestop-delay`, seconds. */
  preStopDelaySeconds: number;
  readinessProbeInitialDelaySeconds: number;
  readinessProbePeriodSeconds: number;
  /** `--wait-until-proxy-ready`: Envoy first, with a postStart hook waiting for it. */
  waitUntilProxyReady: boolean;
  /** `--ignored-ips`. */
  egressIgnoredIPs: string;
  preview: boolean;
  dualStackEndpoint: boolean;
  fipsEndpoint: boolean;
  /**
   * `--envoy-admin-access-enable-ipv6`. The controller binds this flag to the dual-stack variable, so its
   * `ENVOY_ADMIN_ACCESS_ENABLE_IPV6` is always `false`; here the flag means what it says.
   */
  envoyAdminAccessEnableIpv6: boolean;
  enableSds: boolean;
  sdsUdsPath: string;
  tracing?: TracingOptions;
  statsTags: boolean;
  statsd?: StatsdOptions;
  /** `--enable-iam-for-service-accounts`: pods get fsGroup 1337 so Envoy can read the projected token. */
  enableIamForServiceAccounts: boolean;
  /** `--enable-ecr-secret`. */
  enableEcrSecret: boolean;
  /** Reported to App Mesh as `APPMESH_PLATFORM_K8S_VERSION` / `…_APP_MESH_CONTROLLER_VERSION`. */
  platformK8sVersion: string;
  platformControllerVersion: string;
}

const defaultEnvoyImage = 'public.ecr.aws/appmesh/aws-appmesh-envoy:v1.34.13.3-prod';
const defaultInitImage =
  '840364872350.dkr.ecr.us-west-2.amazonaws.com/aws-appmesh-proxy-route-manager:v7-prod';

/** The controller's defaults for everything but the region and account, which a target always names. */
export function injectorOptions(
  base: { region: string; accountId: string },
  overrides: Partial<InjectorOptions> = {},
): InjectorOptions {
  return {
    region: base.region,
    accountId: base.accountId,
    envoyImage: defaultEnvoyImage,
    initImage: defaultInitImage,
    sidecarResources: { cpuRequest: '10m', memoryRequest: '32Mi' },
    logLevel: 'info',
    adminPort: 9901,
    adminAccessLogFile: '/tmp/envoy_admin_access.log',
    preStopDelaySeconds: 20,
    readinessProbeInitialDelaySeconds: 1,
    readinessProbePeriodSeconds: 10,
    waitUntilProxyReady: false,
    egressIgnoredIPs: '169.254.169.254',
    preview: false,
    dualStackEndpoint: false,
    fipsEndpoint: false,
    envoyAdminAccessEnableIpv6: false,
    enableSds: false,
    sdsUdsPath: '/run/spire/sockets/agent.sock',
    statsTags: false,
    enableIamForServiceAccounts: true,
    enableEcrSecret: false,
    platformK8sVersion: 'unknown',
    platformControllerVersion: 'meshcd',
    ...overrides,
  };
}
