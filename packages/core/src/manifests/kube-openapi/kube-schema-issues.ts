import type { PathSegment } from '../manifest-object.ts';
import { kubeOpenApi, resolveSchema } from './kube-openapi.ts';
import type { OpenApiSchema } from './openapi-schema.ts';

/**
 * How the API server refuses a field: `decode` for what its strict JSON decoding refuses (unknown
 * fields, wrong types; 400 BadRequest), `invalid` for what its validation refuses (422 Invalid).
 */
type KubeIssueKind = 'unknown-field' | 'wrong-type' | 'missing-field' | 'invalid-value';

export interface KubeSchemaIssue {
  kind: KubeIssueKind;
  path: PathSegment[];
  /** In the API server's words, without the field path (`Unsupported value: "Sometimes": …`). */
  detail: string;
  /** For an unknown field: the fields the schema has there. */
  allowed?: string[];
}

const goType: Record<string, string> = {
  integer: 'int32',
  string: 'string',
  boolean: 'bool',
  array: 'array',
  object: 'object',
};

const jsonType = (value: unknown): string => {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'number') return 'number';
  return typeof value;
};

/** Checks a document against the schema of its kind: unknown fields at any depth, types, enums, required. */
export function kubeSchemaIssues(schemaName: string, body: unknown): KubeSchemaIssue[] {
  const issues: KubeSchemaIssue[] = [];
  walk(kubeOpenApi().schemas[schemaName] ?? {}, body, [], issues);
  return issues;
}

function walk(raw: OpenApiSchema, value: unknown, path: PathSegment[], issues: KubeSchemaIssue[]): void {
  const schema = resolveSchema(raw);
  if (value === null || value === undefined) return;
  if (schema['x-kubernetes-int-or-string']) {
    if (typeof value !== 'string' && !Number.isInteger(value)) {
      issues.push({
        kind: 'wrong-type',
        path,
        detail: `must be an integer or a string, not a ${jsonType(value)}`,
      });
    }
    return;
  }
  const type = schema.type;
  if (type && !matchesType(type, value)) {
    issues.push({
      kind: 'wrong-type',
      path,
      detail: `cannot unmarshal ${jsonType(value)} into a field of type ${goType[type] ?? type}`,
    });
    return;
  }
  if (schema.enum && typeof value === 'string' && !schema.enum.includes(value)) {
    const supported = schema.enum.map((v) => JSON.stringify(v)).join(', ');
    issues.push({
      kind: 'invalid-value',
      path,
      detail: `Unsupported value: ${JSON.stringify(value)}: supported values: ${supported}`,
    });
  }
  if (Array.isArray(value)) {
    const items = schema.items;
    if (items)
      value.forEach((item, i) => {
        walk(items, item, [...path, i], issues);
      });
    return;
  }
  if (typeof value !== 'object' || schema['x-kubernetes-preserve-unknown-fields']) return;
  const object = value as Record<string, unknown>;
  if (schema.properties) {
    for (const [key, child] of Object.entries(object)) {
      const property = schema.properties[key];
      if (property) walk(property, child, [...path, key], issues);
      else
        issues.push({
          kind: 'unknown-field',
          path: [...path, key],
          detail: `unknown field "${key}"`,
          allowed: Object.keys(schema.properties),
        });
    }
    for (const name of schema.required ?? []) {
      if (object[name] === undefined || object[name] === null)
        issues.push({ kind: 'missing-field', path: [...path, name], detail: 'Required value' });
    }
  } else if (typeof schema.additionalProperties === 'object') {
    for (const [key, child] of Object.entries(object))
      walk(schema.additionalProperties, child, [...path, key], issues);
  }
}

function matchesType(type: string, value: unknown): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && !Array.isArray(value);
    default:
      return typeof value === type;
  }
}
