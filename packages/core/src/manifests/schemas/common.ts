import * as z from 'zod';

/**
 * Building blocks shared by the App Mesh CRD schemas, written from the facts of the
 * appmesh.k8s.aws/v1beta2 CustomResourceDefinitions. Objects are strict: Kubernetes strict field validation
 * rejects unknown fields, and so does meshcd.
 */

/** OpenAPI `integer` (int64 in the CRDs). */
export const int = () => z.number().int();
export const str = (min?: number, max?: number) => {
  let s = z.string();
  if (min !== undefined) s = s.min(min);
  if (max !== undefined) s = s.max(max);
  return s;
};
export const port = () => int().min(1).max(65535);

export const labelSelector = z.strictObject({
  matchLabels: z.record(z.string(), z.string()).optional(),
  matchExpressions: z
    .array(
      z.strictObject({
        key: z.string(),
        operator: z.string(),
        values: z.array(z.string()).optional(),
      }),
    )
    .optional(),
});
export type LabelSelector = z.infer<typeof labelSelector>;

export const meshRef = z.strictObject({ name: z.string(), uid: z.string() });

/** A typed reference to another object; the namespace defaults to the referencing object's. */
export const namespacedRef = z.strictObject({ name: z.string(), namespace: z.string().optional() });
export type NamespacedRef = z.infer<typeof namespacedRef>;

export const duration = z.strictObject({ unit: z.enum(['s', 'ms']), value: int().min(0) });

export const protocol = z.enum(['grpc', 'http', 'http2', 'tcp']);
export const portMapping = z.strictObject({ port: port(), protocol });

export const httpMethod = z.enum([
  'CONNECT',
  'DELETE',
  'GET',
  'HEAD',
  'OPTIONS',
  'PATCH',
  'POST',
  'PUT',
  'TRACE',
]);

/** Header match and gRPC metadata match share one shape. */
const headerMatchMethod = z.strictObject({
  exact: str(1, 255).optional(),
  prefix: str(1, 255).optional(),
  range: z.strictObject({ start: int(), end: int() }).optional(),
  regex: str(1, 255).optional(),
  suffix: str(1, 255).optional(),
});
export const headerMatch = z.strictObject({
  name: str(1, 50),
  match: headerMatchMethod.optional(),
  invert: z.boolean().optional(),
});
export const headers = z.array(headerMatch).min(1).max(10);

export const pathMatch = z.strictObject({ exact: str(1, 255).optional(), regex: str(1, 255).optional() });
export const queryParameters = z
  .array(
    z.strictObject({ name: z.string(), match: z.strictObject({ exact: z.string().optional() }).optional() }),
  )
  .min(1)
  .max(10);

const filePath = () => str(1, 255);
export const sdsSecret = z.strictObject({ secretName: z.string() });
export const acmTrust = z.strictObject({ certificateAuthorityARNs: z.array(z.string()).min(1).max(3) });
export const fileTrust = z.strictObject({ certificateChain: filePath() });
export const subjectAlternativeNames = z.strictObject({
  match: z.strictObject({ exact: z.array(z.string()) }),
});
const clientCertificate = z.strictObject({
  file: z.strictObject({ certificateChain: filePath(), privateKey: filePath() }).optional(),
  sds: sdsSecret.optional(),
});

/** Client policy, identical for VirtualNode backends, backend defaults and VirtualGateway backend defaults. */
export const clientPolicy = z.strictObject({
  tls: z
    .strictObject({
      certificate: clientCertificate.optional(),
      enforce: z.boolean().optional(),
      ports: z.array(port()).optional(),
      validation: z.strictObject({
        subjectAlternativeNames: subjectAlternativeNames.optional(),
        trust: z.strictObject({
          acm: acmTrust.optional(),
          file: fileTrust.optional(),
          sds: sdsSecret.optional(),
        }),
      }),
    })
    .optional(),
});
export const backendDefaults = z.strictObject({ clientPolicy: clientPolicy.optional() });

export const listenerCertificate = z.strictObject({
  acm: z.strictObject({ certificateARN: z.string() }).optional(),
  file: z.strictObject({ certificateChain: filePath(), privateKey: filePath() }).optional(),
  sds: sdsSecret.optional(),
});
export const tlsMode = z.enum(['DISABLED', 'PERMISSIVE', 'STRICT']);

export const healthCheckFields = {
  intervalMillis: int().min(5000).max(300000),
  path: z.string().optional(),
  port: port().optional(),
  timeoutMillis: int().min(2000).max(60000),
  unhealthyThreshold: int().min(2).max(10),
};
export const threshold = () => int().min(2).max(10);

export const accessLogging = z.strictObject({
  accessLog: z
    .strictObject({
      file: z
        .strictObject({
          format: z
            .strictObject({
              json: z.array(z.strictObject({ key: str(1), value: str(1) })).optional(),
              text: z.string().optional(),
            })
            .optional(),
          path: filePath(),
        })
        .optional(),
    })
    .optional(),
});

/** The envelope every App Mesh object shares; `status` is written by controllers and never read from Git. */
export const appMeshObject = <S extends z.ZodType>(kind: string, spec: S) =>
  z.strictObject({
    apiVersion: z.literal('appmesh.k8s.aws/v1beta2'),
    kind: z.literal(kind),
    metadata: z.looseObject({ name: z.string(), namespace: z.string().optional() }),
    spec: spec.optional(),
    status: z.unknown().optional(),
  });
