import * as z from 'zod';
import {
  appMeshObject,
  headers,
  httpMethod,
  int,
  meshRef,
  namespacedRef,
  pathMatch,
  queryParameters,
  str,
} from './common.ts';

const enabled = z.enum(['ENABLED', 'DISABLED']);
const target = z.strictObject({
  port: int().min(0).optional(),
  virtualService: z.strictObject({
    virtualServiceARN: z.string().optional(),
    virtualServiceRef: namespacedRef.optional(),
  }),
});
const hostnameMatch = z.strictObject({ exact: str(1, 253).optional(), suffix: str(1, 253).optional() });
const hostnameRewrite = z.strictObject({ defaultTargetHostname: enabled.optional() });

const httpGatewayRoute = z.strictObject({
  action: z.strictObject({
    rewrite: z
      .strictObject({
        hostname: hostnameRewrite.optional(),
        path: z.strictObject({ exact: str(1, 255).optional() }).optional(),
        prefix: z
          .strictObject({ defaultPrefix: enabled.optional(), value: str(1, 255).optional() })
          .optional(),
      })
      .optional(),
    target,
  }),
  match: z.strictObject({
    headers: headers.optional(),
    hostname: hostnameMatch.optional(),
    method: httpMethod.optional(),
    path: pathMatch.optional(),
    port: int().min(0).optional(),
    prefix: z.string().optional(),
    queryParameters: queryParameters.optional(),
  }),
});

const grpcGatewayRoute = z.strictObject({
  action: z.strictObject({
    rewrite: z.strictObject({ hostname: hostnameRewrite.optional() }).optional(),
    target,
  }),
  match: z.strictObject({
    hostname: hostnameMatch.optional(),
    metadata: headers.optional(),
    port: int().min(0).optional(),
    serviceName: z.string().optional(),
  }),
});

export const gatewayRouteSpec = z.strictObject({
  awsName: z.string().optional(),
  grpcRoute: grpcGatewayRoute.optional(),
  http2Route: httpGatewayRoute.optional(),
  httpRoute: httpGatewayRoute.optional(),
  meshRef: meshRef.optional(),
  priority: int().min(0).max(1000).optional(),
  virtualGatewayRef: z
    .strictObject({ name: z.string(), namespace: z.string().optional(), uid: z.string() })
    .optional(),
});
export type GatewayRouteCrdSpec = z.infer<typeof gatewayRouteSpec>;
export type HttpGatewayRouteCrd = z.infer<typeof httpGatewayRoute>;
export type GrpcGatewayRouteCrd = z.infer<typeof grpcGatewayRoute>;
export const gatewayRouteObject = appMeshObject('GatewayRoute', gatewayRouteSpec);
