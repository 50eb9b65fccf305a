import { kindSchema } from './kube-openapi.ts';
import { type KubeSchemaIssue, kubeSchemaIssues } from './kube-schema-issues.ts';
import { kubeValueIssues } from './kube-value-rules.ts';

/**
 * Everything the API server would refuse in one object of a served kind, schema first: a value rule is
 * only checked on a document whose types are right, as the server validates only what it decoded.
 * Undefined for a kind without a schema here (a CRD, a kind meshcd does not serve).
 */
export function kubeObjectIssues(
  apiVersion: string,
  kind: string,
  body: Record<string, unknown>,
): KubeSchemaIssue[] | undefined {
  const served = kindSchema(apiVersion, kind);
  if (!served) return undefined;
  const schemaIssues = kubeSchemaIssues(served.schema, body);
  if (schemaIssues.some((i) => i.kind === 'wrong-type')) return schemaIssues;
  return [...schemaIssues, ...kubeValueIssues(kind, body)];
}

/** `spec.template.spec.containers[0].imagePullPolicy`, the API server's way of writing a field path. */
export const kubeFieldPath = (path: readonly (string | number)[]): string =>
  path.reduce<string>(
    (out, segment) =>
      typeof segment === 'number' ? `${out}[${segment}]` : out ? `${out}.${segment}` : segment,
    '',
  );
