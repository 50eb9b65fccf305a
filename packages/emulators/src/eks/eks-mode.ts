import { parseRoute } from '../kube/kube-route.ts';
import { KubeStatusError } from '../kube/kube-status-error.ts';
import type { AccessQuestion, KubeUser } from '../kube/self-subject-review.ts';
import {
  accessAllows,
  type EksAccessEntry,
  principalOf,
  type RequestAttributes,
} from './eks-access-entries.ts';
import { checkEksToken, type StsIdentity, TokenRefused } from './eks-token-check.ts';

/** The Kubernetes emulator as an EKS cluster: tokens checked like aws-iam-authenticator, access entries like EKS. */
export interface EksModeOptions {
  clusterName: string;
  identities: Record<string, StsIdentity>;
  accessEntries: EksAccessEntry[];
  /** Bearer tokens accepted as they are, for local tools and tests: token → principal ARN. */
  staticTokens?: Record<string, string>;
  /**
   * The principal of requests without a bearer token, for kubectl on the local system: client-go sends
   * no token over plain HTTP. Without it such requests are refused with 401, as on EKS.
   */
  anonymous?: string;
  /** The authenticator's clock; tests move it to let tokens expire. */
  now?: () => Date;
}

const publicInfo = new Set(['/version', '/healthz', '/livez', '/readyz']);
const collectionVerbs: Record<string, string> = { GET: 'list', POST: 'create', DELETE: 'deletecollection' };
const objectVerbs: Record<string, string> = { GET: 'get', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };

/** What every authenticated caller may create (system:basic-user): the questions about itself. */
const selfReviews = new Set([
  'authorization.k8s.io/selfsubjectaccessreviews',
  'authorization.k8s.io/selfsubjectrulesreviews',
  'authentication.k8s.io/selfsubjectreviews',
]);
/** Paths every authenticated caller may read (system:discovery, system:public-info-viewer). */
const discoveryPaths = /^\/(api|apis|openapi|version|healthz|livez|readyz)(\/.*)?$/;

/**
 * Authenticates and authorizes one request in EKS mode; throws the 401 or 403 the API server would
 * answer, and returns the caller's ARN (undefined for an unauthenticated version or health check).
 * Discovery and version paths only need an authenticated caller (system:discovery).
 */
export async function checkEksRequest(
  mode: EksModeOptions,
  request: { method: string; url: URL; bearer: string | undefined },
  /** Whether a resource type lives in namespaces (a Deployment) or not (a Namespace, a ClusterRole). */
  isNamespaced: (group: string, version: string, plural: string) => boolean,
): Promise<string | undefined> {
  // Kubernetes binds system:public-info-viewer to unauthenticated callers: version and health only.
  if (request.bearer === undefined && publicInfo.has(request.url.pathname)) return undefined;
  let caller: string;
  const fixed = request.bearer === undefined ? mode.anonymous : mode.staticTokens?.[request.bearer];
  try {
    caller =
      fixed ??
      (await checkEksToken(request.bearer, {
        clusterName: mode.clusterName,
        identities: mode.identities,
        now: mode.now ?? (() => new Date()),
      }));
  } catch (error) {
    if (!(error instanceof TokenRefused)) throw error;
    // The API server says only "Unauthorized"; the reason is kept as the cause for the emulator's logs.
    throw new KubeStatusError(401, 'Unauthorized', 'Unauthorized', undefined, { cause: error });
  }
  const route = parseRoute(request.url.pathname);
  if (route.kind !== 'resource') return caller;
  const watch = request.url.searchParams.get('watch');
  const verb =
    route.name === undefined
      ? watch === 'true' || watch === '1'
        ? 'watch'
        : collectionVerbs[request.method]
      : objectVerbs[request.method];
  if (!verb) return caller;
  if (verb === 'create' && selfReviews.has(`${route.group}/${route.plural}`)) return caller;
  const attributes: RequestAttributes = {
    verb,
    group: route.group,
    resource: route.subresource ? `${route.plural}/${route.subresource}` : route.plural,
    ...(route.namespace !== undefined ? { namespace: route.namespace } : {}),
  };
  const namespaced = isNamespaced(route.group, route.version, route.plural);
  if (accessAllows(mode.accessEntries, principalOf(caller), attributes, namespaced)) return caller;
  const where =
    route.namespace !== undefined ? `in the namespace "${route.namespace}"` : 'at the cluster scope';
  const message = `${attributes.resource}${route.group ? `.${route.group}` : ''} is forbidden: User "${caller}" cannot ${verb} resource "${attributes.resource}" in API group "${route.group}" ${where}`;
  throw new KubeStatusError(403, 'Forbidden', message);
}

/**
 * The user EKS maps an IAM caller to: by default the caller's ARN as username (the assumed-role session
 * ARN for a role), in system:authenticated, with the authenticator's extra attributes.
 */
export function eksUser(caller: string): KubeUser {
  const session = /:assumed-role\/[^/]+\/(.+)$/.exec(caller)?.[1];
  return {
    username: caller,
    groups: ['system:authenticated'],
    extra: {
      arn: [caller],
      canonicalArn: [principalOf(caller)],
      ...(session ? { sessionName: [session] } : {}),
    },
  };
}

/**
 * The answer of EKS's authorizer to a SubjectAccessReview: the caller's access entry for a resource;
 * for a non-resource path, discovery and health reads for everyone, anything else for cluster admins.
 */
export function eksAuthorizes(
  mode: EksModeOptions,
  caller: string,
  question: AccessQuestion,
  isNamespaced: (group: string, plural: string) => boolean,
): boolean {
  const entries = mode.accessEntries;
  const principal = principalOf(caller);
  if ('path' in question) {
    if (question.verb === 'get' && discoveryPaths.test(question.path)) return true;
    return entries.some(
      (e) =>
        e.principalArn === principal &&
        e.policies.some((p) => p.policy === 'AmazonEKSClusterAdminPolicy' && p.scope.type === 'cluster'),
    );
  }
  const attributes: RequestAttributes = {
    verb: question.verb,
    group: question.group,
    resource: question.subresource ? `${question.resource}/${question.subresource}` : question.resource,
    ...(question.namespace ? { namespace: question.namespace } : {}),
  };
  return accessAllows(entries, principal, attributes, isNamespaced(question.group, question.resource));
}
