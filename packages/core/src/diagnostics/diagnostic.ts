import type { SourceLocation } from '../source-location.ts';

/** Every kind of problem meshcd reports about a manifest set; a closed list so renderers and tests can rely on it. */
export type DiagnosticCode =
  | 'yaml-syntax'
  | 'unreadable-file'
  | 'not-a-manifest'
  | 'not-a-kubernetes-object'
  | 'invalid-metadata'
  | 'unsupported-api-version'
  | 'missing-field'
  | 'wrong-type'
  | 'unknown-field'
  | 'invalid-value'
  | 'read-only-field'
  | 'rule-violation'
  | 'duplicate-object'
  | 'duplicate-aws-name'
  | 'dangling-reference'
  | 'cross-mesh-reference'
  | 'invalid-arn'
  | 'ambiguous-reference'
  | 'missing-reference'
  | 'no-matching-mesh'
  | 'multiple-matching-meshes'
  | 'unresolved-namespace'
  | 'no-matching-gateway'
  | 'multiple-matching-gateways'
  | 'gateway-mesh-mismatch'
  | 'quota-exceeded'
  | 'cluster-refused';

type Severity = 'error' | 'warning';

/** One problem, pinned to the exact place in the manifest tree that causes it. */
export interface Diagnostic extends SourceLocation {
  severity: Severity;
  code: DiagnosticCode;
  /** Plain words: what is wrong and, where it helps, what would be right. */
  message: string;
  /** `Kind/namespace/name` (`Kind//name` for cluster-scoped objects); empty when the document has no identity. */
  object: string;
  /** Field path inside the object, e.g. `spec.listeners[0].portMapping.port`; empty for the whole object. */
  path: string;
}

export const isError = (d: Diagnostic): boolean => d.severity === 'error';

/** `file:line:column` followed by the object, field and message: the one-line form humans read. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = [d.object, d.path].filter(Boolean).join(' ');
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${where ? `${where}: ` : ''}${d.message} [${d.code}]`;
}

/** Stable order for output: by file, then position, then code. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code)
  );
}

/** Renders a field path the way Kubernetes users write it: `spec.routes[0].name`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out;
}
