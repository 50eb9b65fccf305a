import { isObject } from './field-path.ts';
import { badRequest, KubeStatusError } from './kube-status-error.ts';
import type { ResourceType } from './resource-types.ts';

/** Who a request comes from, as the authenticator saw it (authentication.k8s.io/v1 UserInfo). */
export interface KubeUser {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

/** What SubjectAccessReview asks about: an API resource, or a non-resource path such as /healthz. */
export type AccessQuestion =
  | {
      verb: string;
      group: string;
      resource: string;
      subresource?: string;
      namespace?: string;
      name?: string;
    }
  | { verb: string; path: string };

/** Whether the caller may do what the question asks, by the cluster's authorizer. */
export type Authorizer = (question: AccessQuestion) => boolean;

/** The administrator a cluster without authentication treats every caller as, named as kubeadm names it. */
export const localAdministrator: KubeUser = {
  username: 'kubernetes-admin',
  groups: ['kubeadm:cluster-admins', 'system:authenticated'],
};

/** The self-review kinds: answered at create, never stored, as `kubectl auth can-i` and `whoami` use them. */
export const reviewTypes: readonly ResourceType[] = [
  {
    group: 'authorization.k8s.io',
    version: 'v1',
    kind: 'SelfSubjectAccessReview',
    plural: 'selfsubjectaccessreviews',
    namespaced: false,
    review: true,
  },
  {
    group: 'authentication.k8s.io',
    version: 'v1',
    kind: 'SelfSubjectReview',
    plural: 'selfsubjectreviews',
    namespaced: false,
    review: true,
  },
];

/**
 * Answers a self-review as the API server does: SelfSubjectReview returns the caller's user info;
 * SelfSubjectAccessReview returns whether the cluster's authorizer allows the caller what the spec
 * asks. Only create exists for these kinds.
 */
export function answerReview(
  type: ResourceType,
  request: { method: string; name?: string; body: unknown },
  user: KubeUser,
  authorize: Authorizer,
): { status: number; body: unknown } {
  if (request.method !== 'POST' || request.name !== undefined)
    throw new KubeStatusError(
      405,
      'MethodNotAllowed',
      `the server does not allow this method on the requested resource`,
    );
  const apiVersion = `${type.group}/${type.version}`;
  const metadata = { creationTimestamp: null };
  if (type.kind === 'SelfSubjectReview')
    return { status: 201, body: { kind: type.kind, apiVersion, metadata, status: { userInfo: user } } };
  const spec = isObject(request.body) && isObject(request.body.spec) ? request.body.spec : {};
  const question = accessQuestion(spec);
  return {
    status: 201,
    body: { kind: type.kind, apiVersion, metadata, spec, status: { allowed: authorize(question) } },
  };
}

function accessQuestion(spec: Record<string, unknown>): AccessQuestion {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const resource = isObject(spec.resourceAttributes) ? spec.resourceAttributes : undefined;
  const nonResource = isObject(spec.nonResourceAttributes) ? spec.nonResourceAttributes : undefined;
  if ((resource === undefined) === (nonResource === undefined))
    throw new KubeStatusError(
      422,
      'Invalid',
      'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
    );
  if (nonResource) return { verb: text(nonResource.verb), path: text(nonResource.path) };
  const r = resource ?? {};
  if (text(r.verb) === '') throw badRequest('spec.resourceAttributes.verb is required');
  return {
    verb: text(r.verb),
    group: text(r.group),
    resource: text(r.resource),
    ...(text(r.subresource) ? { subresource: text(r.subresource) } : {}),
    ...(text(r.namespace) ? { namespace: text(r.namespace) } : {}),
    ...(text(r.name) ? { name: text(r.name) } : {}),
  };
}
