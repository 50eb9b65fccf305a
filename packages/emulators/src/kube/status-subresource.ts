import { isObject } from './field-path.ts';
import { jsonPatch } from './json-patch.ts';
import type { KubeApi } from './kube-api.ts';
import type { KubeObject } from './kube-object.ts';
import { conflict, KubeStatusError } from './kube-status-error.ts';
import type { KubeStore } from './kube-store.ts';
import { mergePatch } from './merge-patch.ts';
import { parseJsonBody } from './parse-json-body.ts';
import type { ApiResult, ResourceRequest } from './resource-request.ts';
import { strategicMergePatch } from './strategic-merge-patch.ts';

/**
 * `pods/<name>/status`, where whoever owns a readiness gate (the Cloud Map controller, meshcd) sets its
 * condition: a get, or a patch of which only `status` is kept (the main resource ignores status, this
 * subresource ignores everything else), with a resourceVersion precondition when the patch names one.
 */
export function handleStatus(api: KubeApi, store: KubeStore, request: ResourceRequest): ApiResult {
  const live = api.handle({ ...request, verb: 'get', body: '' }).body as KubeObject;
  if (request.verb === 'get') return { status: 200, body: live };
  if (request.verb !== 'patch')
    throw new KubeStatusError(405, 'MethodNotAllowed', `${request.verb} is not supported on status`);
  const mediaType = request.contentType.split(';')[0]?.trim();
  const patch = parseJsonBody(request.body);
  const patched =
    mediaType === 'application/merge-patch+json'
      ? mergePatch(live, patch)
      : mediaType === 'application/strategic-merge-patch+json'
        ? strategicMergePatch(live, patch)
        : mediaType === 'application/json-patch+json'
          ? jsonPatch(live, patch)
          : undefined;
  if (patched === undefined)
    throw new KubeStatusError(415, 'UnsupportedMediaType', `status does not accept ${mediaType} patches`);
  const wanted = isObject(patch) && isObject(patch.metadata) ? patch.metadata.resourceVersion : undefined;
  if (typeof wanted === 'string' && wanted !== live.metadata.resourceVersion)
    throw conflict(
      request.type.plural,
      request.type.group,
      live.metadata.name,
      'the object has been modified; please apply your changes to the latest version and try again',
    );
  const status = isObject(patched) && isObject(patched.status) ? patched.status : {};
  if (JSON.stringify(status) === JSON.stringify(live.status)) return { status: 200, body: live };
  const updated: KubeObject = {
    ...live,
    status,
    metadata: { ...live.metadata, resourceVersion: store.nextResourceVersion() },
  };
  store.put(updated);
  return { status: 200, body: updated };
}
