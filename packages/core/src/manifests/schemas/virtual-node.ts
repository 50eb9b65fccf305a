import * as z from 'zod';
import {
  accessLogging,
  appMeshObject,
  backendDefaults,
  clientPolicy,
  duration,
  fileTrust,
  healthCheckFields,
  int,
  labelSelector,
  listenerCertificate,
  meshRef,
  namespacedRef,
  portMapping,
  protocol,
  sdsSecret,
  str,
  subjectAlternativeNames,
  threshold,
  tlsMode,
} from './common.ts';

const timeoutPair = z.strictObject({ idle: duration.optional(), perRequest: duration.optional() });

const virtualNodeListener = z.strictObject({
  connectionPool: z
    .strictObject({
      grpc: z.strictObject({ maxRequests: int().min(1) }).optional(),
      http: z
        .strictObject({ maxConnections: int().min(1), maxPendingRequests: int().min(1).optional() })
        .optional(),
      http2: z.strictObject({ maxRequests: int().min(1) }).optional(),
      tcp: z.strictObject({ maxConnections: int().min(1) }).optional(),
    })
    .optional(),
  healthCheck: z.strictObject({ ...healthCheckFields, healthyThreshold: threshold(), protocol }).optional(),
  outlierDetection: z
    .strictObject({
      baseEjectionDuration: duration,
      interval: duration,
      maxEjectionPercent: int().min(0).max(100),
      maxServerErrors: int().min(1),
    })
    .optional(),
  portMapping,
  timeout: z
    .strictObject({
      grpc: timeoutPair.optional(),
      http: timeoutPair.optional(),
      http2: timeoutPair.optional(),
      tcp: z.strictObject({ idle: duration.optional() }).optional(),
    })
    .optional(),
  tls: z
    .strictObject({
      certificate: listenerCertificate,
      mode: tlsMode,
      // Listener validation on a virtual node cannot trust ACM: only file and SDS.
      validation: z
        .strictObject({
          subjectAlternativeNames: subjectAlternativeNames.optional(),
          trust: z.strictObject({ file: fileTrust.optional(), sds: sdsSecret.optional() }),
        })
        .optional(),
    })
    .optional(),
});

export const virtualNodeSpec = z.strictObject({
  awsName: z.string().optional(),
  backendDefaults: backendDefaults.optional(),
  backendGroups: z.array(namespacedRef).optional(),
  backends: z
    .array(
      z.strictObject({
        virtualService: z.strictObject({
          clientPolicy: clientPolicy.optional(),
          virtualServiceARN: z.string().optional(),
          virtualServiceRef: namespacedRef.optional(),
        }),
      }),
    )
    .optional(),
  listeners: z.array(virtualNodeListener).optional(),
  logging: accessLogging.optional(),
  meshRef: meshRef.optional(),
  podSelector: labelSelector.optional(),
  serviceDiscovery: z
    .strictObject({
      awsCloudMap: z
        .strictObject({
          attributes: z.array(z.strictObject({ key: str(1, 255), value: str(1, 1024) })).optional(),
          namespaceName: str(1, 1024),
          serviceName: str(1, 1024),
        })
        .optional(),
      dns: z
        .strictObject({
          hostname: z.string(),
          responseType: z.enum(['ENDPOINTS', 'LOADBALANCER']).optional(),
        })
        .optional(),
    })
    .optional(),
});
export type VirtualNodeCrdSpec = z.infer<typeof virtualNodeSpec>;
export type VirtualNodeCrdListener = z.infer<typeof virtualNodeListener>;
export const virtualNodeObject = appMeshObject('VirtualNode', virtualNodeSpec);
