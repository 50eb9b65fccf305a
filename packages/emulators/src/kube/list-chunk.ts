import type { KubeObject } from './kube-object.ts';
import { KubeStatusError } from './kube-status-error.ts';

/**
 * A page of a list, as the server serves `limit` and `continue`: the token carries the offset and the
 * resourceVersion the list started at, so the pages of one list are consistent with each other; a
 * malformed token answers 400, as there.
 */
export function listChunk(items: KubeObject[], query: URLSearchParams, resourceVersion: string) {
  const limit = Number(query.get('limit') ?? 0);
  const token = query.get('continue');
  let offset = 0;
  let version = resourceVersion;
  if (token) {
    try {
      const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
        o: number;
        rv: string;
      };
      if (!Number.isInteger(parsed.o) || typeof parsed.rv !== 'string') throw new Error('shape');
      offset = parsed.o;
      version = parsed.rv;
    } catch {
      throw new KubeStatusError(
        400,
        'BadRequest',
        'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
      );
    }
  }
  if (!Number.isInteger(limit) || limit <= 0)
    return { metadata: { resourceVersion: version }, items: items.slice(offset) };
  const page = items.slice(offset, offset + limit);
  const rest = items.length - offset - page.length;
  const next = Buffer.from(JSON.stringify({ o: offset + page.length, rv: version })).toString('base64url');
  return {
    metadata: {
      resourceVersion: version,
      ...(rest > 0 ? { continue: next, remainingItemCount: rest } : {}),
    },
    items: page,
  };
}
