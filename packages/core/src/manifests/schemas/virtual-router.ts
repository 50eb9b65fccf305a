import * as z from 'zod';
import {
  appMeshObject,
  duration,
  headers,
  httpMethod,
  int,
  meshRef,
  namespacedRef,
  pathMatch,
  portMapping,
  queryParameters,
  str,
} from './common.ts';

const weightedTargets = z
  .array(
    z.strictObject({
      port: int().min(0).optional(),
      virtualNodeARN: z.string().optional(),
      virtualNodeRef: namespacedRef.optional(),
      weight: int().min(0).max(100),
    }),
  )
  .min(1)
  .max(10);
const action = z.strictObject({ weightedTargets });
const timeout = z.strictObject({ idle: duration.optional(), perRequest: duration.optional() });
const httpRetryEvents = z
  .array(z.enum(['server-error', 'gateway-error', 'client-error', 'stream-error']))
  .min(1)
  .max(25);
const tcpRetryEvents = z
  .array(z.enum(['connection-error']))
  .min(1)
  .max(1);

export const httpRoute = z.strictObject({
  action,
  match: z.strictObject({
    headers: headers.optional(),
    method: httpMethod.optional(),
    path: pathMatch.optional(),
    port: int().min(0).optional(),
    prefix: z.string().optional(),
    queryParameters: queryParameters.optional(),
    scheme: z.enum(['http', 'https']).optional(),
  }),
  retryPolicy: z
    .strictObject({
      httpRetryEvents: httpRetryEvents.optional(),
      maxRetries: int().min(0),
      perRetryTimeout: duration,
      tcpRetryEvents: tcpRetryEvents.optional(),
    })
    .optional(),
  timeout: timeout.optional(),
});

export const grpcRoute = z.strictObject({
  action,
  match: z.strictObject({
    metadata: headers.optional(),
    methodName: str(1, 50).optional(),
    port: int().min(0).optional(),
    serviceName: z.string().optional(),
  }),
  retryPolicy: z
    .strictObject({
      grpcRetryEvents: z
        .array(z.enum(['cancelled', 'deadline-exceeded', 'internal', 'resource-exhausted', 'unavailable']))
        .min(1)
        .max(5)
        .optional(),
      httpRetryEvents: httpRetryEvents.optional(),
      maxRetries: int().min(0),
      perRetryTimeout: duration,
      tcpRetryEvents: tcpRetryEvents.optional(),
    })
    .optional(),
  timeout: timeout.optional(),
});

export const tcpRoute = z.strictObject({
  action,
  match: z.strictObject({ port: int().min(0).optional() }).optional(),
  timeout: z.strictObject({ idle: duration.optional() }).optional(),
});

const routeSpec = z.strictObject({
  grpcRoute: grpcRoute.optional(),
  http2Route: httpRoute.optional(),
  httpRoute: httpRoute.optional(),
  name: z.string(),
  priority: int().min(0).max(1000).optional(),
  tcpRoute: tcpRoute.optional(),
});

export const virtualRouterSpec = z.strictObject({
  awsName: z.string().optional(),
  listeners: z.array(z.strictObject({ portMapping })).min(1).optional(),
  meshRef: meshRef.optional(),
  routes: z.array(routeSpec).optional(),
});
export type VirtualRouterCrdSpec = z.infer<typeof virtualRouterSpec>;
export type RouteCrd = z.infer<typeof routeSpec>;
export type HttpRouteCrd = z.infer<typeof httpRoute>;
export type GrpcRouteCrd = z.infer<typeof grpcRoute>;
export type TcpRouteCrd = z.infer<typeof tcpRoute>;
export const virtualRouterObject = appMeshObject('VirtualRouter', virtualRouterSpec);
