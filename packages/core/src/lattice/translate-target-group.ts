import type { Duration, Listener, VirtualNodeSpec } from '@aws-sdk/client-app-mesh';
import type { DesiredMeshMember, DesiredVirtualNode } from '../desired/desired-state.ts';
import { latticeResourceKey } from '../provider/lattice-resource-key.ts';
import { latticeName } from './lattice-name.ts';
import type {
  DesiredTargetGroup,
  LatticeHealthCheck,
  LatticeIpAddressType,
  LatticeProtocolVersion,
  LatticeTargetSource,
} from './lattice-resource.ts';
import type { FieldNote } from './translation.ts';

export const seconds = (d: Duration | undefined): number | undefined =>
  d?.value === undefined ? undefined : d.unit === 'ms' ? d.value / 1000 : d.value;

const versions: Record<string, LatticeProtocolVersion> = { http: 'HTTP1', http2: 'HTTP2', grpc: 'GRPC' };

/** The idle timeout of a node listener, in seconds, whatever its protocol. */
export function listenerIdleSeconds(l: Listener): number | undefined {
  const t = l.timeout;
  return seconds(t?.http?.idle ?? t?.http2?.idle ?? t?.grpc?.idle ?? t?.tcp?.idle);
}

const strictTls = (l: Listener) => l.tls?.mode === 'STRICT';

function healthCheck(l: Listener): LatticeHealthCheck | undefined {
  const h = l.healthCheck;
  if (!h) return undefined;
  if (h.protocol !== 'http' && h.protocol !== 'http2') return { enabled: false };
  return {
    enabled: true,
    protocol: strictTls(l) ? 'HTTPS' : 'HTTP',
    protocolVersion: h.protocol === 'http2' ? 'HTTP2' : 'HTTP1',
    port: h.port,
    path: h.path,
    healthCheckIntervalSeconds:
      h.intervalMillis === undefined ? undefined : Math.ceil(h.intervalMillis / 1000),
    healthCheckTimeoutSeconds: h.timeoutMillis === undefined ? undefined : Math.ceil(h.timeoutMillis / 1000),
    healthyThresholdCount: h.healthyThreshold,
    unhealthyThresholdCount: h.unhealthyThreshold,
    matcher: { httpCode: '200' },
  };
}

/** IPv6_* preferences make the group IPv6; anything else IPv4 (a group is single-stack). */
export function ipAddressType(
  node: VirtualNodeSpec,
  meshPreference: string | undefined,
): LatticeIpAddressType {
  const sd = node.serviceDiscovery;
  const preference = sd?.dns?.ipPreference ?? sd?.awsCloudMap?.ipPreference ?? meshPreference;
  return preference?.startsWith('IPv6') ? 'IPV6' : 'IPV4';
}

function targetSource(
  node: DesiredVirtualNode,
  member: DesiredMeshMember | undefined,
  port: number,
): LatticeTargetSource {
  const cloudMap = node.spec.serviceDiscovery?.awsCloudMap;
  if (cloudMap && !member?.podSelector) {
    return {
      from: 'cloudMap',
      namespaceName: cloudMap.namespaceName!,
      serviceName: cloudMap.serviceName!,
      attributes: Object.fromEntries((cloudMap.attributes ?? []).map((a) => [a.key!, a.value!])),
      port,
    };
  }
  return {
    from: 'pods',
    namespace: member?.namespace ?? node.source.ref.namespace ?? 'default',
    podSelector: member?.podSelector,
    port,
  };
}

export interface TargetGroupInput {
  service: { key: string; name: string };
  node: DesiredVirtualNode;
  member: DesiredMeshMember | undefined;
  listener: Listener;
  meshIpPreference: string | undefined;
  vpcId: string;
  tags: DesiredTargetGroup['tags'];
}

/** The target group of (service, node, node listener port) (spec §4.1 #3): IP targets in the cluster VPC. */
export function targetGroupFor(input: TargetGroupInput): DesiredTargetGroup {
  const { service, node, listener } = input;
  const port = listener.portMapping!.port!;
  // The node's Kubernetes name: its App Mesh name repeats the namespace the service name already carries.
  const name = latticeName('TargetGroup', `${service.name}-${node.source.ref.name}-${port}`);
  const check = healthCheck(listener);
  const protocol = listener.portMapping!.protocol!;
  return {
    kind: 'TargetGroup',
    key: latticeResourceKey({ kind: 'TargetGroup', name }),
    name,
    spec: {
      type: 'IP',
      config: {
        port,
        protocol: protocol === 'tcp' ? 'TCP' : strictTls(listener) ? 'HTTPS' : 'HTTP',
        protocolVersion: versions[protocol],
        ipAddressType: ipAddressType(node.spec, input.meshIpPreference),
        vpcIdentifier: input.vpcId,
        healthCheck: check,
      },
    },
    tags: input.tags,
    source: node.source,
    dependsOn: [],
    serviceKey: service.key,
    targets: targetSource(node, input.member, port),
  };
}

const wholeSeconds = (ms: number | undefined) => ms === undefined || ms % 1000 === 0;

/** Every listener-level field of a node that Lattice carries approximately or not at all. */
export function nodeListenerNotes(node: DesiredVirtualNode): FieldNote[] {
  const notes: FieldNote[] = [];
  (node.spec.listeners ?? []).forEach((l, i) => {
    const at = ['spec', 'listeners', i];
    const port = l.portMapping?.port;
    if (l.portMapping?.protocol === 'tcp')
      notes.push({
        row: 'virtualNode.listener.tcp',
        path: [...at, 'portMapping'],
        detail: `tcp listener on port ${port}`,
      });
    const h = l.healthCheck;
    if (h?.protocol === 'grpc' || h?.protocol === 'tcp')
      notes.push({
        row: h.protocol === 'grpc' ? 'virtualNode.healthCheck.grpc' : 'virtualNode.healthCheck.tcp',
        path: [...at, 'healthCheck', 'protocol'],
        detail: `${h.protocol} health check on port ${port}; the target group's check is disabled`,
      });
    else if (h && (!wholeSeconds(h.intervalMillis) || !wholeSeconds(h.timeoutMillis)))
      notes.push({
        row: 'virtualNode.healthCheck.seconds',
        path: [...at, 'healthCheck'],
        detail: `interval ${h.intervalMillis} ms and timeout ${h.timeoutMillis} ms round up to whole seconds`,
      });
    if (l.outlierDetection)
      notes.push({
        row: 'virtualNode.outlierDetection',
        path: [...at, 'outlierDetection'],
        detail: `outlier detection on port ${port}`,
      });
    if (l.connectionPool)
      notes.push({
        row: 'virtualNode.connectionPool',
        path: [...at, 'connectionPool'],
        detail: `connection pool on port ${port}`,
      });
    const t = l.timeout;
    const perRequest = t?.http?.perRequest ?? t?.http2?.perRequest ?? t?.grpc?.perRequest;
    if (perRequest)
      notes.push({
        row: 'virtualNode.timeout.perRequest',
        path: [...at, 'timeout'],
        detail: `per-request timeout ${perRequest.value}${perRequest.unit} on port ${port}`,
      });
    const idle = listenerIdleSeconds(l);
    if (idle !== undefined)
      notes.push({
        row: 'virtualNode.timeout.idle',
        path: [...at, 'timeout'],
        detail: `idle timeout ${idle} s on port ${port}`,
      });
    if (l.tls) {
      notes.push({
        row: strictTls(l) ? 'virtualNode.tls' : 'virtualNode.tls.permissive',
        path: [...at, 'tls'],
        detail: `TLS mode ${l.tls.mode} on port ${port}`,
      });
      if (l.tls.validation)
        notes.push({
          row: 'virtualNode.tls.validation',
          path: [...at, 'tls', 'validation'],
          detail: `client certificates required on port ${port}`,
        });
    }
  });
  return notes;
}

/** Node-wide fields: service discovery, client TLS policies, access logs. */
export function nodeNotes(node: DesiredVirtualNode): FieldNote[] {
  const notes = nodeListenerNotes(node);
  const s = node.spec;
  if (s.serviceDiscovery?.dns)
    notes.push({
      row: 'virtualNode.serviceDiscovery.dns',
      path: ['spec', 'serviceDiscovery', 'dns'],
      detail: `DNS ${s.serviceDiscovery.dns.hostname}`,
    });
  if (s.serviceDiscovery?.awsCloudMap) {
    const c = s.serviceDiscovery.awsCloudMap;
    notes.push({
      row: 'virtualNode.serviceDiscovery.cloudMap',
      path: ['spec', 'serviceDiscovery', 'awsCloudMap'],
      detail: `Cloud Map ${c.namespaceName}/${c.serviceName}`,
    });
  }
  if (s.backendDefaults?.clientPolicy?.tls)
    notes.push({
      row: 'virtualNode.clientPolicy.tls',
      path: ['spec', 'backendDefaults', 'clientPolicy', 'tls'],
      detail: 'default client TLS policy',
    });
  (s.backends ?? []).forEach((b, i) => {
    if (b.virtualService?.clientPolicy?.tls)
      notes.push({
        row: 'virtualNode.clientPolicy.tls',
        path: ['spec', 'backends', i, 'virtualService', 'clientPolicy', 'tls'],
        detail: `client TLS policy for ${b.virtualService.virtualServiceName}`,
      });
  });
  if (s.logging?.accessLog)
    notes.push({
      row: 'virtualNode.logging',
      path: ['spec', 'logging', 'accessLog'],
      detail: `access log ${s.logging.accessLog.file?.path ?? ''}`.trim(),
    });
  return notes;
}
