/**
 * The name rules the Kubernetes API server applies (apimachinery's validation), so a name it would reject is
 * refused before any write rather than halfway through an apply.
 */
const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dns1035Label = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** RBAC objects are named by path segments (`system:controller:x` is a valid ClusterRole name). */
const pathSegmentKinds = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

const labelRule =
  'must be a DNS label: at most 63 lower-case letters, digits and "-", starting and ending with a letter or digit';
const subdomainRule =
  'must be a DNS subdomain: at most 253 lower-case letters, digits, "-" and ".", each part starting and ending with a letter or digit';

/** Why Kubernetes would reject `name` for an object of `kind`, or undefined when it is valid. */
export function nameProblem(kind: string, name: string): string | undefined {
  if (pathSegmentKinds.has(kind)) {
    return name === '.' || name === '..' || /[/%]/.test(name)
      ? `${kind} name "${name}" may not be "." or ".." or contain "/" or "%"`
      : undefined;
  }
  if (kind === 'Namespace') return namespaceProblem(name);
  if (kind === 'Service') {
    return name.length <= 63 && dns1035Label.test(name)
      ? undefined
      : `Service name "${name}" must be a DNS-1035 label: at most 63 lower-case letters, digits and "-", starting with a letter and ending with a letter or digit`;
  }
  return name.length <= 253 && dnsSubdomain.test(name) ? undefined : `name "${name}" ${subdomainRule}`;
}

export function namespaceProblem(namespace: string): string | undefined {
  return namespace.length <= 63 && dnsLabel.test(namespace)
    ? undefined
    : `namespace "${namespace}" ${labelRule}`;
}
