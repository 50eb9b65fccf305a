import { isObject } from './field-path.ts';
import { jsonPatch } from './json-patch.ts';
import type { KubeApi } from './kube-api.ts';
import type { KubeObject } from './kube-object.ts';
import { badRequest, KubeStatusError } from './kube-status-error.ts';
import { mergePatch } from './merge-patch.ts';
import { parseJsonBody } from './parse-json-body.ts';
import type { ApiResult, ResourceRequest } from './resource-request.ts';
import { strategicMergePatch } from './strategic-merge-patch.ts';

/**
 * `<workload>/scale`, what `kubectl scale` and autoscalers write: an autoscaling/v1 Scale view of
 * spec.replicas. Writes go through the workload itself as a merge patch, so ownership, generation and
 * resourceVersion follow the ordinary rules and an out-of-band scale shows up as drift.
 */
export function handleScale(api: KubeApi, request: ResourceRequest): ApiResult {
  const current = toScale(api.handle({ ...request, verb: 'get', body: '' }).body as KubeObject);
  if (request.verb === 'get') return { status: 200, body: current };
  let wanted: unknown;
  if (request.verb === 'update') wanted = parseJsonBody(request.body);
  else if (request.verb === 'patch') wanted = patchScale(current, request);
  else throw new KubeStatusError(405, 'MethodNotAllowed', `${request.verb} is not supported on scale`);
  const spec = isObject(wanted) && isObject(wanted.spec) ? wanted.spec : {};
  if (typeof spec.replicas !== 'number' || !Number.isInteger(spec.replicas) || spec.replicas < 0) {
    throw badRequest('Scale spec.replicas must be a non-negative integer');
  }
  const metadata = isObject(wanted) && isObject(wanted.metadata) ? wanted.metadata : {};
  const patch = {
    metadata:
      typeof metadata.resourceVersion === 'string' ? { resourceVersion: metadata.resourceVersion } : {},
    spec: { replicas: spec.replicas },
  };
  const result = api.handle({
    ...request,
    verb: 'patch',
    contentType: 'application/merge-patch+json',
    body: JSON.stringify(patch),
  });
  return { status: 200, body: toScale(result.body as KubeObject) };
}

function patchScale(current: Record<string, unknown>, request: ResourceRequest): unknown {
  const mediaType = request.contentType.split(';')[0]?.trim();
  const patch = parseJsonBody(request.body);
  if (mediaType === 'application/merge-patch+json') return mergePatch(current, patch);
  if (mediaType === 'application/strategic-merge-patch+json') return strategicMergePatch(current, patch);
  if (mediaType === 'application/json-patch+json') return jsonPatch(current, patch);
  throw new KubeStatusError(415, 'UnsupportedMediaType', `scale does not accept ${mediaType} patches`);
}

function toScale(object: KubeObject): Record<string, unknown> {
  const spec = isObject(object.spec) ? object.spec : {};
  const status = isObject(object.status) ? object.status : {};
  const selector =
    isObject(spec.selector) && isObject(spec.selector.matchLabels) ? spec.selector.matchLabels : {};
  const { name, namespace, uid, resourceVersion, creationTimestamp } = object.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: spec.replicas ?? 1 },
    status: {
      replicas: typeof status.replicas === 'number' ? status.replicas : 0,
      selector: Object.entries(selector)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(','),
    },
  };
}
