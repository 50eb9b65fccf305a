import * as z from 'zod';
import {
  accessLogging,
  acmTrust,
  appMeshObject,
  backendDefaults,
  fileTrust,
  healthCheckFields,
  int,
  labelSelector,
  listenerCertificate,
  meshRef,
  port,
  sdsSecret,
  subjectAlternativeNames,
  threshold,
  tlsMode,
} from './common.ts';

/** A gateway speaks HTTP-family protocols only: no tcp, unlike a virtual node. */
const gatewayProtocol = z.enum(['grpc', 'http', 'http2']);

const virtualGatewayListener = z.strictObject({
  connectionPool: z
    .strictObject({
      grpc: z.strictObject({ maxRequests: int().min(1) }).optional(),
      http: z
        .strictObject({ maxConnections: int().min(1), maxPendingRequests: int().min(1).optional() })
        .optional(),
      http2: z.strictObject({ maxRequests: int().min(1) }).optional(),
    })
    .optional(),
  healthCheck: z
    .strictObject({
      ...healthCheckFields,
      healthyThreshold: threshold().optional(),
      protocol: gatewayProtocol,
    })
    .optional(),
  portMapping: z.strictObject({ port: port(), protocol: gatewayProtocol }),
  tls: z
    .strictObject({
      certificate: listenerCertificate,
      mode: tlsMode,
      validation: z
        .strictObject({
          subjectAlternativeNames: subjectAlternativeNames.optional(),
          trust: z.strictObject({
            acm: acmTrust.optional(),
            file: fileTrust.optional(),
            sds: sdsSecret.optional(),
          }),
        })
        .optional(),
    })
    .optional(),
});

export const virtualGatewaySpec = z.strictObject({
  awsName: z.string().optional(),
  backendDefaults: backendDefaults.optional(),
  gatewayRouteSelector: labelSelector.optional(),
  listeners: z.array(virtualGatewayListener).optional(),
  logging: accessLogging.optional(),
  meshRef: meshRef.optional(),
  namespaceSelector: labelSelector.optional(),
  podSelector: labelSelector.optional(),
});
export type VirtualGatewayCrdSpec = z.infer<typeof virtualGatewaySpec>;
export type VirtualGatewayCrdListener = z.infer<typeof virtualGatewayListener>;
export const virtualGatewayObject = appMeshObject('VirtualGateway', virtualGatewaySpec);
