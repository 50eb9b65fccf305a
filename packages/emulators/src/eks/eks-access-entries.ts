/** The EKS access policies the emulator knows, by name (their ARN is `arn:<partition>:eks::aws:cluster-access-policy/<name>`). */
export type EksAccessPolicyName =
  | 'AmazonEKSClusterAdminPolicy'
  | 'AmazonEKSAdminPolicy'
  | 'AmazonEKSEditPolicy'
  | 'AmazonEKSViewPolicy'
  | 'AmazonEKSAdminViewPolicy';

export type EksAccessScope = { type: 'cluster' } | { type: 'namespace'; namespaces: string[] };

/** An access entry and its policy associations, as CreateAccessEntry and AssociateAccessPolicy make them. */
export interface EksAccessEntry {
  /** The IAM role (or user) ARN the entry is for. */
  principalArn: string;
  policies: { policy: EksAccessPolicyName; scope: EksAccessScope }[];
}

/** What a request asks to do, as Kubernetes authorization sees it. */
export interface RequestAttributes {
  verb: string;
  group: string;
  resource: string;
  /** Absent for cluster-scoped objects and for requests across all namespaces. */
  namespace?: string;
}

const readVerbs = new Set(['get', 'list', 'watch']);

/**
 * What each policy allows, after the Kubernetes user-facing roles EKS models them on: cluster admin may
 * do anything; admin and edit write namespaced objects (edit not RBAC) but no status subresource (the
 * `admin` and `edit` ClusterRoles grant `pods/status` and the like read-only: status is the
 * controllers'); view reads namespaced objects but not Secrets; admin-view reads everything. Only
 * cluster admin writes cluster-scoped objects (a Namespace, a ClusterRole); the others may read
 * namespaces.
 */
function policyAllows(policy: EksAccessPolicyName, a: RequestAttributes, namespaced: boolean): boolean {
  const read = readVerbs.has(a.verb);
  const namespacesRead = a.group === '' && a.resource === 'namespaces' && read;
  const namespacedWrite = namespaced && (read || !a.resource.endsWith('/status'));
  switch (policy) {
    case 'AmazonEKSClusterAdminPolicy':
      return true;
    case 'AmazonEKSAdminViewPolicy':
      return read;
    case 'AmazonEKSAdminPolicy':
      return namespacedWrite || namespacesRead;
    case 'AmazonEKSEditPolicy':
      return (namespacedWrite && (read || a.group !== 'rbac.authorization.k8s.io')) || namespacesRead;
    case 'AmazonEKSViewPolicy':
      return (namespaced && read && !(a.group === '' && a.resource === 'secrets')) || namespacesRead;
  }
}

/**
 * Whether the entry of `principalArn` allows the request. A namespace-scoped association applies only
 * inside its namespaces; a request across all namespaces needs a cluster-scoped one.
 */
export function accessAllows(
  entries: readonly EksAccessEntry[],
  principalArn: string,
  attributes: RequestAttributes,
  namespaced: boolean,
): boolean {
  const entry = entries.find((e) => e.principalArn === principalArn);
  if (!entry) return false;
  return entry.policies.some(({ policy, scope }) => {
    if (scope.type === 'namespace') {
      if (attributes.namespace === undefined || !scope.namespaces.includes(attributes.namespace))
        return false;
    }
    return policyAllows(policy, attributes, namespaced);
  });
}

/**
 * The principal EKS matches access entries against: an assumed-role session
 * (`arn:aws:sts::<account>:assumed-role/<role>/<session>`) is its role (`arn:aws:iam::<account>:role/<role>`).
 */
export function principalOf(callerArn: string): string {
  const m = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(callerArn);
  return m ? `arn:${m[1]}:iam::${m[2]}:role/${m[3]}` : callerArn;
}
