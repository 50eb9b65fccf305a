import type { Backend, Listener, ServiceDiscovery, VirtualNodeSpec } from '@aws-sdk/client-app-mesh';
import type { VirtualNodeCrdListener, VirtualNodeCrdSpec } from '../../manifests/schemas/virtual-node.ts';
import {
  clientPolicy,
  connectionPool,
  defined,
  duration,
  list,
  listenerTls,
  logging,
} from './convert-common.ts';
import type { RefNames } from './ref-names.ts';

/** One extra backend from a BackendGroup: a virtual service name, with no client policy. */
export interface GroupBackend {
  virtualServiceName: string;
}

/**
 * VirtualNode spec. Explicit backends keep their order; backends added by BackendGroups follow, sorted by name,
 * so the same manifests always give the same spec (the controller's map order is random, issue #785).
 */
export function convertVirtualNode(
  spec: VirtualNodeCrdSpec,
  names: RefNames,
  groupBackends: readonly GroupBackend[] = [],
): VirtualNodeSpec {
  const explicit: Backend[] = (spec.backends ?? []).map((b, i) => ({
    virtualService: defined({
      virtualServiceName: names.virtualService(b.virtualService, ['spec', 'backends', i, 'virtualService']),
      clientPolicy: clientPolicy(b.virtualService.clientPolicy),
    }),
  }));
  const extra: Backend[] = [...groupBackends]
    .sort((a, b) => a.virtualServiceName.localeCompare(b.virtualServiceName))
    .map((g) => ({ virtualService: { virtualServiceName: g.virtualServiceName } }));
  const backends = [...explicit, ...extra];
  return defined({
    listeners: list(spec.listeners, listener),
    serviceDiscovery: serviceDiscovery(spec.serviceDiscovery),
    backends: backends.length > 0 ? backends : undefined,
    backendDefaults: spec.backendDefaults
      ? defined({ clientPolicy: clientPolicy(spec.backendDefaults.clientPolicy) })
      : undefined,
    logging: logging(spec.logging),
  });
}

function serviceDiscovery(sd: VirtualNodeCrdSpec['serviceDiscovery']): ServiceDiscovery | undefined {
  if (!sd) return undefined;
  return defined({
    dns: sd.dns ? defined({ hostname: sd.dns.hostname, responseType: sd.dns.responseType }) : undefined,
    awsCloudMap: sd.awsCloudMap
      ? defined({
          namespaceName: sd.awsCloudMap.namespaceName,
          serviceName: sd.awsCloudMap.serviceName,
          attributes: list(sd.awsCloudMap.attributes, (a) => ({ key: a.key, value: a.value })),
        })
      : undefined,
  }) as ServiceDiscovery;
}

function listener(l: VirtualNodeCrdListener): Listener {
  const t = l.timeout;
  const pair = (
    p:
      | {
          idle?: { unit: 's' | 'ms'; value: number } | undefined;
          perRequest?: { unit: 's' | 'ms'; value: number } | undefined;
        }
      | undefined,
  ) => (p ? defined({ idle: duration(p.idle), perRequest: duration(p.perRequest) }) : undefined);
  return defined({
    portMapping: { port: l.portMapping.port, protocol: l.portMapping.protocol },
    healthCheck: l.healthCheck
      ? defined({
          healthyThreshold: l.healthCheck.healthyThreshold,
          intervalMillis: l.healthCheck.intervalMillis,
          path: l.healthCheck.path,
          port: l.healthCheck.port,
          protocol: l.healthCheck.protocol,
          timeoutMillis: l.healthCheck.timeoutMillis,
          unhealthyThreshold: l.healthCheck.unhealthyThreshold,
        })
      : undefined,
    outlierDetection: l.outlierDetection
      ? {
          maxServerErrors: l.outlierDetection.maxServerErrors,
          interval: duration(l.outlierDetection.interval),
          baseEjectionDuration: duration(l.outlierDetection.baseEjectionDuration),
          maxEjectionPercent: l.outlierDetection.maxEjectionPercent,
        }
      : undefined,
    connectionPool: l.connectionPool
      ? (defined({
          tcp: l.connectionPool.tcp ? { maxConnections: l.connectionPool.tcp.maxConnections } : undefined,
          ...connectionPool(l.connectionPool),
        }) as Listener['connectionPool'])
      : undefined,
    tls: listenerTls(l.tls) as Listener['tls'],
    timeout: t
      ? (defined({
          tcp: t.tcp ? defined({ idle: duration(t.tcp.idle) }) : undefined,
          http: pair(t.http),
          http2: pair(t.http2),
          grpc: pair(t.grpc),
        }) as Listener['timeout'])
      : undefined,
  });
}
