import type { PathSegment } from '../manifest-object.ts';
import type { KubeSchemaIssue } from './kube-schema-issues.ts';

/**
 * The API server's validation beyond the schema for the served kinds (k8s.io/apimachinery's
 * validation helpers and the apps/core validators): names, labels, container names, ports, replicas
 * and the selector of a workload matching its template. Messages are the server's.
 */
const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const dns1035Label = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const labelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const qualifiedNamePart = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

type Check = (value: string) => string | undefined;

/** A DNS name check as apimachinery's IsDNS1123Subdomain, IsDNS1123Label and IsDNS1035Label word it. */
const dnsName =
  (pattern: RegExp, max: number, what: string, example: string): Check =>
  (v) => {
    if (v.length > max) return `Invalid value: ${JSON.stringify(v)}: must be no more than ${max} characters`;
    if (pattern.test(v)) return undefined;
    const source = pattern.source.slice(1, -1);
    return `Invalid value: ${JSON.stringify(v)}: ${what} (e.g. ${example}, regex used for validation is '${source}')`;
  };
const subdomain = dnsName(
  dns1123Subdomain,
  253,
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
  "'example.com'",
);
const label = dnsName(
  dns1123Label,
  63,
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
  "'my-name',  or '123-abc'",
);
const dns1035 = dnsName(
  dns1035Label,
  63,
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
  "'my-name',  or 'abc-123'",
);

/** Kinds whose names are labels, not subdomains. */
const nameCheck: Record<string, Check> = { Namespace: label, Service: dns1035 };

function labelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const [prefix, name] = slash < 0 ? [undefined, key] : [key.slice(0, slash), key.slice(slash + 1)];
  if (prefix !== undefined && (prefix === '' || subdomain(prefix)))
    return `Invalid value: ${JSON.stringify(key)}: prefix part ${subdomain(prefix)?.replace(/^Invalid value: "[^"]*": /, '') ?? 'must be non-empty'}`;
  if (name.length === 0 || name.length > 63 || !qualifiedNamePart.test(name))
    return `Invalid value: ${JSON.stringify(key)}: name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') and must be no more than 63 characters`;
  return undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter(isRecord) : []);

const portRange = (value: unknown): string | undefined =>
  typeof value === 'number' && (value < 1 || value > 65535)
    ? `Invalid value: ${value}: must be between 1 and 65535, inclusive`
    : undefined;

export function kubeValueIssues(kind: string, body: Record<string, unknown>): KubeSchemaIssue[] {
  const issues: KubeSchemaIssue[] = [];
  const invalid = (path: PathSegment[], detail: string | undefined) => {
    if (detail) issues.push({ kind: 'invalid-value', path, detail });
  };
  const metadata = isRecord(body.metadata) ? body.metadata : {};
  if (typeof metadata.name === 'string')
    invalid(['metadata', 'name'], (nameCheck[kind] ?? subdomain)(metadata.name));
  if (typeof metadata.namespace === 'string') invalid(['metadata', 'namespace'], label(metadata.namespace));
  checkLabels(['metadata'], metadata, invalid);
  const spec = isRecord(body.spec) ? body.spec : undefined;
  if (!spec) return issues;
  if (kind === 'Pod') checkPodSpec(['spec'], spec, invalid);
  if (kind === 'Service') {
    list(spec.ports).forEach((port, i) => {
      invalid(['spec', 'ports', i, 'port'], portRange(port.port));
      invalid(['spec', 'ports', i, 'targetPort'], portRange(port.targetPort));
    });
  }
  if (['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'].includes(kind)) {
    if (typeof spec.replicas === 'number' && spec.replicas < 0)
      invalid(['spec', 'replicas'], `Invalid value: ${spec.replicas}: must be greater than or equal to 0`);
    const template = isRecord(spec.template) ? spec.template : {};
    const templateMeta = isRecord(template.metadata) ? template.metadata : {};
    checkLabels(['spec', 'template', 'metadata'], templateMeta, invalid);
    if (isRecord(template.spec)) checkPodSpec(['spec', 'template', 'spec'], template.spec, invalid);
    const selector = isRecord(spec.selector) ? spec.selector : undefined;
    const wanted = isRecord(selector?.matchLabels) ? selector.matchLabels : {};
    const labels = isRecord(templateMeta.labels) ? templateMeta.labels : {};
    if (selector && Object.entries(wanted).some(([k, v]) => labels[k] !== v)) {
      const shown = Object.entries(labels)
        .map(([k, v]) => `"${k}":"${String(v)}"`)
        .join(', ');
      invalid(
        ['spec', 'template', 'metadata', 'labels'],
        `Invalid value: map[string]string{${shown}}: \`selector\` does not match template \`labels\``,
      );
    }
  }
  return issues;
}

function checkLabels(
  at: PathSegment[],
  metadata: Record<string, unknown>,
  invalid: (path: PathSegment[], detail: string | undefined) => void,
): void {
  const labels = isRecord(metadata.labels) ? metadata.labels : {};
  for (const [key, value] of Object.entries(labels)) {
    invalid([...at, 'labels'], labelKeyProblem(key));
    if (typeof value === 'string' && (value.length > 63 || !labelValue.test(value))) {
      invalid(
        [...at, 'labels'],
        `Invalid value: ${JSON.stringify(value)}: a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?') and must be no more than 63 characters`,
      );
    }
  }
  const annotations = isRecord(metadata.annotations) ? metadata.annotations : {};
  for (const key of Object.keys(annotations)) invalid([...at, 'annotations'], labelKeyProblem(key));
}

function checkPodSpec(
  at: PathSegment[],
  spec: Record<string, unknown>,
  invalid: (path: PathSegment[], detail: string | undefined) => void,
): void {
  if (Array.isArray(spec.containers) && spec.containers.length === 0)
    invalid([...at, 'containers'], 'Required value');
  const seen = new Set<string>();
  for (const field of ['initContainers', 'containers']) {
    list(spec[field]).forEach((container, i) => {
      const name = container.name;
      if (typeof name === 'string') {
        invalid([...at, field, i, 'name'], label(name));
        if (seen.has(name)) invalid([...at, field, i, 'name'], `Duplicate value: ${JSON.stringify(name)}`);
        seen.add(name);
      }
      list(container.ports).forEach((port, j) => {
        invalid([...at, field, i, 'ports', j, 'containerPort'], portRange(port.containerPort));
        invalid([...at, field, i, 'ports', j, 'hostPort'], portRange(port.hostPort));
      });
    });
  }
}
