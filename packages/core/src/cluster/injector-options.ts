import { MeshcdError } from '../errors/meshcd-error.ts';

/** The one tracer the injector may enable (the controller refuses to start with two). */
export type TracingOptions =
  | {
      kind: 'x-ray';
      daemonPort: number;
      samplingRate: number;
      image: string;
      /** `--xray-log-level`: passed to the daemon as `--log-level`; empty passes none. */
      logLevel: string;
      /** `--xray-config-roleArn`: passed as `--role-arn`, for segments uploaded to another account. */
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
  /** `--poststart-timeout`: seconds the postStart hook waits for Envoy to be ready. */
  postStartTimeoutSeconds: number;
  /** `--poststart-interval`: seconds between the postStart hook's readiness polls. */
  postStartIntervalSeconds: number;
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
/** `--xray-image`'s default, for a target that turns X-Ray tracing on without naming an image. */
export const defaultXrayImage = 'public.ecr.aws/xray/aws-xray-daemon';

/** The controller's defaults for everything but the region and account, which a target always names. */
export function injectorOptions(
  base: { region: string; accountId: string; injector?: InjectorSettings },
  overrides: Partial<InjectorOptions> = {},
): InjectorOptions {
  const options: InjectorOptions = {
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
    postStartTimeoutSeconds: 180,
    postStartIntervalSeconds: 5,
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
    ...base.injector,
    ...overrides,
  };
  const problems = injectorSettingProblems(options);
  if (problems.length > 0)
    throw new MeshcdError({
      phase: 'config',
      reason: 'invalid-injector-setting',
      message: `the sidecar injector's settings are invalid: ${problems.join('; ')}`,
    });
  return options;
}

/** What a target may set of the injector: everything but the region and account, which it always names. */
export type InjectorSettings = Partial<Omit<InjectorOptions, 'region' | 'accountId'>>;

const xrayLogLevels = ['dev', 'debug', 'info', 'prod', 'warn', 'error'];

/**
 * The settings the controller refuses, in its words: an X-Ray log level the daemon does not know, a role
 * that is not an ARN (the AWS SDK's test: `arn:` and at least five colons). The controller refuses every
 * pod it would inject with them; meshcd refuses the settings once, before any plan.
 */
export function injectorSettingProblems(settings: InjectorSettings): string[] {
  const problems: string[] = [];
  const t = settings.tracing;
  if (t?.kind === 'x-ray') {
    if (t.logLevel !== '' && !xrayLogLevels.includes(t.logLevel))
      problems.push(
        `tracing.logLevel: "${t.logLevel}" is not valid. Set one of dev, debug, info, prod, warn, error`,
      );
    if (t.roleArn !== undefined && t.roleArn !== '' && !isArn(t.roleArn))
      problems.push(
        `tracing.role: "${t.roleArn}" is not a valid \`--role-arn\`. Please refer to AWS X-Ray Documentation for more information`,
      );
    if (!(t.samplingRate >= 0 && t.samplingRate <= 1))
      problems.push(
        `tracing.samplingRate should be a decimal between 0 & 1.00, but instead got ${t.samplingRate}`,
      );
  }
  for (const key of ['postStartTimeoutSeconds', 'postStartIntervalSeconds'] as const) {
    const value = settings[key];
    if (value !== undefined && !(Number.isInteger(value) && value >= 0))
      problems.push(`${key}: ${value} is not a whole number of seconds`);
  }
  return problems;
}

const isArn = (value: string) => value.startsWith('arn:') && value.split(':').length - 1 >= 5;
