import { kubeOpenApiJson } from './kube-openapi.generated.ts';
import { type KubeKindSchema, type OpenApiSchema, refName } from './openapi-schema.ts';

export interface KubeOpenApiDocument {
  kinds: KubeKindSchema[];
  schemas: Record<string, OpenApiSchema>;
}

let parsed: KubeOpenApiDocument | undefined;

/**
 * The Kubernetes component schemas without their descriptions (schema-descriptions.ts), parsed on first use:
 * most commands never need them.
 */
export function kubeOpenApi(): KubeOpenApiDocument {
  parsed ??= JSON.parse(kubeOpenApiJson) as KubeOpenApiDocument;
  return parsed;
}

/** The schema of a served kind, by apiVersion (`v1`, `apps/v1`) and kind; undefined for other kinds. */
export function kindSchema(apiVersion: string, kind: string): KubeKindSchema | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return kubeOpenApi().kinds.find((k) => k.group === group && k.version === version && k.kind === kind);
}

/** Follows `$ref` and single-element `allOf` to the schema that describes the value. */
export function resolveSchema(schema: OpenApiSchema): OpenApiSchema {
  let current = schema;
  for (;;) {
    if (current.$ref) current = kubeOpenApi().schemas[refName(current.$ref)] ?? {};
    else if (current.allOf?.length === 1) current = current.allOf[0]!;
    else return current;
  }
}
