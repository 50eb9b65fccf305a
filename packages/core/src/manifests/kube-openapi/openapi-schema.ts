/** The subset of an OpenAPI v3 schema object the Kubernetes API documents use for their types. */
export interface OpenApiSchema {
  description?: string;
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  format?: string;
  enum?: string[];
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  items?: OpenApiSchema;
  additionalProperties?: OpenApiSchema | boolean;
  /** `#/components/schemas/<name>`; description sits beside it in an allOf, as the real documents do. */
  $ref?: string;
  allOf?: OpenApiSchema[];
  default?: unknown;
  'x-kubernetes-int-or-string'?: true;
  'x-kubernetes-preserve-unknown-fields'?: true;
  'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string }[];
}

/** A served kind and the name of its schema in the documents. */
export interface KubeKindSchema {
  group: string;
  version: string;
  kind: string;
  schema: string;
}

export const refName = (ref: string): string => ref.slice('#/components/schemas/'.length);
