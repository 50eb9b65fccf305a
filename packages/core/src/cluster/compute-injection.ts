import type { DesiredMeshMember } from '../desired/desired-state.ts';
import { envoyEnv, envoyReadinessProbe, sidecarResources } from './envoy-env.ts';
import { injectionMode, mountPairs, xrayConfigMount } from './injection-annotations.ts';
import type { InjectorOptions } from './injector-options.ts';
import { type Container, type PodTemplate, podAnnotation } from './pod-template.ts';
import { proxyIdentity } from './proxy-identity.ts';

/** What the injector adds to one pod template: a partial template, applied under the injector's own field manager. */
export interface Injection {
  /** Inventory key of the VirtualNode or VirtualGateway the pods' Envoy connects as. */
  memberKey: string;
  memberKind: DesiredMeshMember['kind'];
  /**
   * With `--wait-until-proxy-ready`, the pod's containers in the order the controller leaves them: Envoy
   * first, then the pod's own, then the X-Ray daemon. Absent when the injector adds Envoy at the end.
   */
  containerOrder?: string[];
  template: {
    metadata?: { annotations: Record<string, string> };
    spec: {
      initContainers?: Container[];
      containers?: Container[];
      volumes?: Array<Record<string, unknown> & { name: string }>;
      securityContext?: { fsGroup: number };
      readinessGates?: Array<{ conditionType: string }>;
      imagePullSecrets?: Array<{ name: string }>;
    };
  };
}

const proxyUid = 1337;
const sdsVolume = 'appmesh-sds-socket-volume';
const cloudMapReadinessGate = 'conditions.appmesh.k8s.aws/aws-cloudmap-healthy';
const ecrSecretName = 'appmesh-ecr-secret';

const hasContainer = (list: Container[] | undefined, name: string) =>
  (list ?? []).some((c) => c.name === name);

/**
 * The controller's pod mutators (specs/appmesh-controller.md §5.2, §5.3), in their order, computed for a
 * workload's pod template instead of at pod admission. `template` is the workload's own template, without
 * what an earlier injection added, so the "skip if already there" rules see the owner's intent.
 */
export function computeInjection(
  member: DesiredMeshMember,
  template: PodTemplate,
  options: InjectorOptions,
): Injection {
  return member.kind === 'VirtualNode'
    ? virtualNodeInjection(member, template, options)
    : virtualGatewayInjection(member, template, options);
}

function virtualNodeInjection(
  member: DesiredMeshMember,
  template: PodTemplate,
  options: InjectorOptions,
): Injection {
  const spec = template.spec ?? {};
  const out: Injection = { memberKey: member.key, memberKind: member.kind, template: { spec: {} } };
  const volumes: NonNullable<Injection['template']['spec']['volumes']> = [];
  const resources = sidecarResources(template, options);

  // 1. traffic interception: the iptables init container, or annotations for the App Mesh CNI
  const appPorts = podAnnotation(template, 'ports') ?? member.listeners.map((l) => l.port).join(',');
  const egressIgnoredIPs = podAnnotation(template, 'egressIgnoredIPs') ?? options.egressIgnoredIPs;
  const egressIgnoredPorts = podAnnotation(template, 'egressIgnoredPorts') ?? '22';
  const fargate = template.metadata?.labels?.['eks.amazonaws.com/fargate-profile'];
  if (injectionMode(podAnnotation(template, 'appmeshCNI')) === 'enabled' || (fargate ?? '') !== '') {
    const cni: Record<string, string> = {
      'appmesh.k8s.aws/ports': appPorts,
      'appmesh.k8s.aws/egressIgnoredIPs': egressIgnoredIPs,
      'appmesh.k8s.aws/egressIgnoredPorts': egressIgnoredPorts,
      'appmesh.k8s.aws/proxyEgressPort': '15001',
      'appmesh.k8s.aws/proxyIngressPort': '15000',
      'appmesh.k8s.aws/ignoredUID': String(proxyUid),
      'appmesh.k8s.aws/sidecarInjectorWebhook': 'enabled',
    };
    // The pod's own annotations win: only the missing ones are added.
    const existing = template.metadata?.annotations ?? {};
    const added = Object.fromEntries(Object.entries(cni).filter(([k]) => existing[k] === undefined));
    if (Object.keys(added).length > 0) out.template.metadata = { annotations: added };
  } else if (!hasContainer(spec.initContainers, 'proxyinit')) {
    out.template.spec.initContainers = [
      {
        name: 'proxyinit',
        image: options.initImage,
        securityContext: { capabilities: { add: ['NET_ADMIN'] } },
        // The flags only: the controller does not apply the pod's resource annotations here.
        resources: sidecarResources(undefined, options),
        env: [
          { name: 'APPMESH_START_ENABLED', value: '1' },
          { name: 'APPMESH_IGNORE_UID', value: String(proxyUid) },
          { name: 'APPMESH_ENVOY_INGRESS_PORT', value: '15000' },
          { name: 'APPMESH_ENVOY_EGRESS_PORT', value: '15001' },
          { name: 'APPMESH_APP_PORTS', value: appPorts },
          { name: 'APPMESH_EGRESS_IGNORED_IP', value: egressIgnoredIPs },
          { name: 'APPMESH_EGRESS_IGNORED_PORTS', value: egressIgnoredPorts },
          { name: 'APPMESH_ENABLE_IPV6', value: podAnnotation(template, 'ipv6') === 'disabled' ? '0' : '1' },
        ],
      },
    ];
  }

  // 2. the Envoy container
  const containers: Container[] = [];
  if (!hasContainer(spec.containers, 'envoy')) {
    const sds = sdsMount(template, options);
    if (sds?.volume) volumes.push(sds.volume);
    const secretMounts = mountPairs('secretMounts', podAnnotation(template, 'secretMounts'));
    for (const m of secretMounts) volumes.push({ name: m.name, secret: { secretName: m.name } });
    const mounts = [
      ...secretMounts.map((m) => ({ name: m.name, mountPath: m.path, readOnly: true })),
      ...mountPairs('volumeMounts', podAnnotation(template, 'volumeMounts')).map((m) => ({
        name: m.name,
        mountPath: m.path,
        readOnly: true,
      })),
      ...(sds ? [sds.mount] : []),
    ];
    const env = envoyEnv(proxyIdentity(member, options), template, options, sds !== undefined);
    const lifecycle: Record<string, unknown> = {
      preStop: { exec: { command: ['sh', '-c', `sleep ${options.preStopDelaySeconds}`] } },
      ...(options.waitUntilProxyReady
        ? { postStart: { exec: { command: envoyReadinessWait(options) } } }
        : {}),
    };
    containers.push({
      name: 'envoy',
      image: options.envoyImage,
      securityContext: { runAsUser: proxyUid },
      ports: [{ containerPort: options.adminPort, name: 'stats', protocol: 'TCP' }],
      env,
      resources,
      lifecycle,
      readinessProbe: envoyReadinessProbe(options),
      ...(mounts.length > 0 ? { volumeMounts: mounts } : {}),
    });
  }

  // 3. the X-Ray daemon
  const xray = xrayDaemon(template, options);
  if (xray) containers.push(xray);
  if (containers.length > 0) out.template.spec.containers = containers;
  if (volumes.length > 0) out.template.spec.volumes = volumes;
  // The controller prepends Envoy when the app must wait for it; the X-Ray daemon still comes last.
  if (options.waitUntilProxyReady && containers[0]?.name === 'envoy')
    out.containerOrder = [
      'envoy',
      ...(spec.containers ?? []).map((c) => c.name),
      ...containers.slice(1).map((c) => c.name),
    ];

  // 4. the Cloud Map readiness gate, 5. fsGroup for IAM roles for service accounts, 6. the ECR pull secret
  const gates = (spec.readinessGates ?? []) as Array<{ conditionType?: string }>;
  const crdSpec = member.crdSpec as { serviceDiscovery?: { awsCloudMap?: unknown } };
  // readinessGates is an atomic list: the pod's own gates go along, or the apply would replace them.
  if (crdSpec.serviceDiscovery?.awsCloudMap && !gates.some((g) => g.conditionType === cloudMapReadinessGate))
    out.template.spec.readinessGates = [
      ...gates.map((g) => ({ ...g, conditionType: String(g.conditionType) })),
      { conditionType: cloudMapReadinessGate },
    ];
  if (options.enableIamForServiceAccounts && spec.securityContext?.fsGroup === undefined)
    out.template.spec.securityContext = { fsGroup: proxyUid };
  const pullSecrets = (spec.imagePullSecrets ?? []) as Array<{ name?: string }>;
  if (options.enableEcrSecret && !pullSecrets.some((s) => s.name === ecrSecretName))
    out.template.spec.imagePullSecrets = [{ name: ecrSecretName }];
  return out;
}

/** §5.3: a gateway's own `envoy` container is configured, nothing is added; no `envoy`, no change. */
function virtualGatewayInjection(
  member: DesiredMeshMember,
  template: PodTemplate,
  options: InjectorOptions,
): Injection {
  const out: Injection = { memberKey: member.key, memberKind: member.kind, template: { spec: {} } };
  const own = template.spec?.containers?.find((c) => c.name === 'envoy');
  if (!own) return out;
  const sds = sdsMount(template, options);
  const envoy: Container = {
    name: 'envoy',
    env: envoyEnv(proxyIdentity(member, options), template, options, sds !== undefined),
  };
  if (injectionMode(podAnnotation(template, 'virtualGatewaySkipImageOverride')) !== 'enabled')
    envoy.image = options.envoyImage;
  if (own.readinessProbe === undefined) envoy.readinessProbe = envoyReadinessProbe(options);
  if (sds) envoy.volumeMounts = [sds.mount];
  const containers = [envoy];
  const volumes = sds?.volume ? [sds.volume] : [];
  const xray = xrayDaemon(template, options);
  if (xray) containers.push(xray);
  out.template.spec.containers = containers;
  if (volumes.length > 0) out.template.spec.volumes = volumes;
  return out;
}

/** The SDS socket mount when SDS is on and the pod did not opt out; the volume unless the pod has one for the path. */
function sdsMount(template: PodTemplate, options: InjectorOptions) {
  if (!options.enableSds || podAnnotation(template, 'sds') === 'disabled') return undefined;
  const existing = (template.spec?.volumes ?? []).find(
    (v) => (v.hostPath as { path?: string } | undefined)?.path === options.sdsUdsPath,
  );
  const name = existing?.name ?? sdsVolume;
  return {
    mount: { name, mountPath: options.sdsUdsPath },
    volume: existing ? undefined : { name, hostPath: { path: options.sdsUdsPath, type: 'Socket' } },
  };
}

function xrayDaemon(template: PodTemplate, options: InjectorOptions) {
  const t = options.tracing;
  if (t?.kind !== 'x-ray' || hasContainer(template.spec?.containers, 'xray-daemon')) return undefined;
  const mount = xrayConfigMount(podAnnotation(template, 'xrayAgentConfigMount'));
  // The log level and role were checked with the settings (injectorSettingProblems); a mounted config
  // file replaces them, as the daemon reads everything from it.
  const args = [
    ...(t.logLevel !== '' ? ['--log-level', t.logLevel] : []),
    ...(t.roleArn ? ['--role-arn', t.roleArn] : []),
  ];
  const container: Container = {
    name: 'xray-daemon',
    image: t.image,
    securityContext: { runAsUser: proxyUid },
    ports: [{ containerPort: t.daemonPort, name: 'xray', protocol: 'UDP' }],
    env: [{ name: 'AWS_REGION', value: options.region }],
    resources: sidecarResources(template, options),
    ...(mount
      ? {
          command: ['/xray', '--config', joinPath(mount.path, 'xray-daemon.yaml')],
          volumeMounts: [{ name: mount.name, mountPath: mount.path, readOnly: true }],
        }
      : args.length > 0
        ? { args }
        : {}),
  };
  return container;
}

/** A file inside a mounted directory: `/etc/xray/` and `/etc/xray` both give `/etc/xray/<file>`. */
const joinPath = (dir: string, file: string) => `${dir.replace(/[ /]+$/, '')}/${file}`;

/**
 * The controller's postStart hook with `--wait-until-proxy-ready`: the Envoy version is read from the
 * running binary (an image tag says nothing reliable about it), and only from 1.22.2.1 on, where the
 * agent exists, does the hook wait for Envoy's readiness, polling at the configured interval until the
 * configured timeout.
 */
export function envoyReadinessWait(options: InjectorOptions): string[] {
  const m = (i: number) => `\${BASH_REMATCH[${i}]}`;
  const atLeast1_22_2_1 = [
    `${m(1)} -ge 2`,
    `(${m(1)} -ge 1 && ${m(2)} -gt 22)`,
    `(${m(1)} -ge 1 && ${m(2)} -ge 22 && ${m(3)} -gt 2)`,
    `(${m(1)} -ge 1 && ${m(2)} -ge 22 && ${m(3)} -ge 2 && ${m(4)} -gt 0)`,
  ].join(' || ');
  return [
    'sh',
    '-c',
    'if [[ $(/usr/bin/envoy --version) =~ ([0-9]+)\\.([0-9]+)\\.([0-9]+)-appmesh\\.([0-9]+) && ' +
      `${atLeast1_22_2_1} ]]; then ` +
      `APPNET_AGENT_POLL_ENVOY_READINESS_TIMEOUT_S=${options.postStartTimeoutSeconds} ` +
      `APPNET_AGENT_POLL_ENVOY_READINESS_INTERVAL_S=${options.postStartIntervalSeconds} ` +
      "/usr/bin/agent -envoyReadiness; else echo 'WaitUntilProxyReady is not supported in Envoy version < 1.22.2.1'; fi",
  ];
}
