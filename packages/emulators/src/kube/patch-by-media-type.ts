import { jsonPatch } from './json-patch.ts';
import type { KubeObject } from './kube-object.ts';
import { KubeStatusError } from './kube-status-error.ts';
import { mergePatch } from './merge-patch.ts';
import { strategicMergePatch } from './strategic-merge-patch.ts';

/**
 * The live object with a PATCH body applied, by the body's media type; server-side apply
 * (`application/apply-patch+yaml`) is not one of these, as it merges by field manager.
 */
export function patchByMediaType(live: KubeObject, mediaType: string, patch: unknown): unknown {
  if (mediaType === 'application/merge-patch+json') return mergePatch(live, patch);
  if (mediaType === 'application/strategic-merge-patch+json') return strategicMergePatch(live, patch);
  if (mediaType === 'application/json-patch+json') return jsonPatch(live, patch);
  throw new KubeStatusError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`,
  );
}
