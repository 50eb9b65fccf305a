import { type KubeSchemaIssue, kubeFieldPath, kubeObjectIssues } from '@meshcd/core';
import type { KubeObject } from './kube-object.ts';
import { badRequest, invalidObject } from './kube-status-error.ts';
import { apiVersionOf, type ResourceType } from './resource-types.ts';

/** The `fieldValidation` query parameter; the server's default is Warn. */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

const causeReason: Record<KubeSchemaIssue['kind'], string> = {
  'unknown-field': 'FieldValueInvalid',
  'wrong-type': 'FieldValueTypeInvalid',
  'missing-field': 'FieldValueRequired',
  'invalid-value': 'FieldValueInvalid',
};

const issuesOf = (type: ResourceType, body: Record<string, unknown>): KubeSchemaIssue[] =>
  kubeObjectIssues(apiVersionOf(type), type.kind, body) ?? [];

/**
 * What the API server's decoder refuses in a request body, before anything else: a value of the wrong
 * type (400, "cannot be handled as a …"), and under Strict field validation an unknown field (400,
 * "strict decoding error"; server-side apply: "field not declared in schema"). Otherwise unknown
 * fields are dropped, as the server drops what its types cannot hold. Returns the body to go on with.
 */
export function decodeBody(
  type: ResourceType,
  body: Record<string, unknown>,
  validation: FieldValidation,
  applying: boolean,
): Record<string, unknown> {
  const issues = issuesOf(type, body);
  const wrongType = issues.find((i) => i.kind === 'wrong-type');
  if (wrongType) {
    const field = `Go struct field ${type.kind}.${kubeFieldPath(wrongType.path)}`;
    throw badRequest(
      `${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: json: ${wrongType.detail.replace('a field', field)}`,
    );
  }
  const unknown = issues.filter((i) => i.kind === 'unknown-field');
  if (unknown.length === 0) return body;
  if (validation === 'Strict') {
    if (applying) {
      const metadata = (body.metadata ?? {}) as { name?: string; namespace?: string };
      const paths = unknown.map((i) => `.${kubeFieldPath(i.path)}: field not declared in schema`);
      throw badRequest(
        `failed to create typed patch object (${metadata.namespace ?? ''}/${metadata.name ?? ''}; ${type.group}/${type.version}, Kind=${type.kind}): ${paths.join(', ')}`,
      );
    }
    throw badRequest(
      `strict decoding error: ${unknown.map((i) => `unknown field "${kubeFieldPath(i.path)}"`).join(', ')}`,
    );
  }
  const copy = structuredClone(body);
  for (const issue of unknown) removeAt(copy, issue.path);
  return copy;
}

/** What the API server's validation refuses in the object it would store: 422 Invalid with every cause. */
export function validateObject(type: ResourceType, object: KubeObject): void {
  const issues = issuesOf(type, object).filter(
    (i) => i.kind === 'missing-field' || i.kind === 'invalid-value',
  );
  if (issues.length === 0) return;
  throw invalidObject(
    type.kind,
    type.group,
    object.metadata.name,
    issues.map((i) => ({ reason: causeReason[i.kind], message: i.detail, field: kubeFieldPath(i.path) })),
  );
}

function removeAt(root: Record<string, unknown>, path: readonly (string | number)[]): void {
  let node: unknown = root;
  for (const segment of path.slice(0, -1)) node = (node as Record<string | number, unknown>)?.[segment];
  if (typeof node === 'object' && node !== null)
    delete (node as Record<string | number, unknown>)[path.at(-1)!];
}
