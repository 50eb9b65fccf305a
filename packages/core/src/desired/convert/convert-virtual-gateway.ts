import type { VirtualGatewayListener, VirtualGatewaySpec } from '@aws-sdk/client-app-mesh';
import type {
  VirtualGatewayCrdListener,
  VirtualGatewayCrdSpec,
} from '../../manifests/schemas/virtual-gateway.ts';
import {
  certificate,
  clientPolicy,
  defined,
  list,
  logging,
  subjectAlternativeNames,
  trust,
} from './convert-common.ts';

/**
 * VirtualGateway spec. Listener TLS validation converts its subjectAlternativeNames properly; the controller
 * dereferences a nil match object there and crashes.
 */
export function convertVirtualGateway(spec: VirtualGatewayCrdSpec): VirtualGatewaySpec {
  return defined({
    listeners: list(spec.listeners, listener) ?? [],
    backendDefaults: spec.backendDefaults
      ? defined({ clientPolicy: clientPolicy(spec.backendDefaults.clientPolicy) })
      : undefined,
    logging: logging(spec.logging),
  }) as VirtualGatewaySpec;
}

function listener(l: VirtualGatewayCrdListener): VirtualGatewayListener {
  return defined({
    portMapping: { port: l.portMapping.port, protocol: l.portMapping.protocol },
    healthCheck: l.healthCheck
      ? defined({
          // Optional in the CRD, required by the API; the controller sends 0 when it is missing, meshcd rejects it.
          healthyThreshold: l.healthCheck.healthyThreshold ?? 0,
          intervalMillis: l.healthCheck.intervalMillis,
          path: l.healthCheck.path,
          port: l.healthCheck.port,
          protocol: l.healthCheck.protocol,
          timeoutMillis: l.healthCheck.timeoutMillis,
          unhealthyThreshold: l.healthCheck.unhealthyThreshold,
        })
      : undefined,
    connectionPool: l.connectionPool
      ? (defined({
          http: l.connectionPool.http
            ? defined({
                maxConnections: l.connectionPool.http.maxConnections,
                maxPendingRequests: l.connectionPool.http.maxPendingRequests,
              })
            : undefined,
          http2: l.connectionPool.http2 ? { maxRequests: l.connectionPool.http2.maxRequests } : undefined,
          grpc: l.connectionPool.grpc ? { maxRequests: l.connectionPool.grpc.maxRequests } : undefined,
        }) as VirtualGatewayListener['connectionPool'])
      : undefined,
    tls: l.tls
      ? defined({
          mode: l.tls.mode,
          certificate: certificate(l.tls.certificate) as never,
          validation: l.tls.validation
            ? defined({
                trust: trust(l.tls.validation.trust) as never,
                subjectAlternativeNames: subjectAlternativeNames(l.tls.validation.subjectAlternativeNames),
              })
            : undefined,
        })
      : undefined,
  }) as VirtualGatewayListener;
}
