import type { VirtualGatewayListener, VirtualGatewaySpec } from '@aws-sdk/client-app-mesh';
import type {
  VirtualGatewayCrdListener,
  VirtualGatewayCrdSpec,
} from '../../manifests/schemas/virtual-gateway.ts';
import { clientPolicy, connectionPool, defined, list, listenerTls, logging } from './convert-common.ts';

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
      ? (connectionPool(l.connectionPool) as VirtualGatewayListener['connectionPool'])
      : undefined,
    tls: listenerTls(l.tls) as VirtualGatewayListener['tls'],
  }) as VirtualGatewayListener;
}
