import { ApiException } from '@kubernetes/client-node';
import { MeshcdError } from '@meshcd/core';

const reasons: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  422: 'Invalid',
  429: 'TooManyRequests',
};

/** The API server's message when the body is a Status, else the raw body. */
function statusMessage(body: unknown): string {
  if (typeof body === 'string') {
    try {
      return statusMessage(JSON.parse(body));
    } catch {
      return body;
    }
  }
  const message = (body as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : JSON.stringify(body);
}

/**
 * A failed cluster call as a MeshcdError: throttling, server errors and network faults are retryable;
 * a refused or invalid object is not, and its message is the API server's.
 */
/**
 * client-node discovers a kind's URL first; a 404 there means the cluster does not serve the kind at all.
 * Any other status (401, 403, 5xx) during discovery is that status, not a missing kind.
 */
const isDiscoveryFailure = (error: unknown) =>
  error instanceof Error &&
  error.message.startsWith('Failed to fetch resource metadata') &&
  (!(error instanceof ApiException) || error.code === 404);

export function clusterApiError(action: string, error: unknown): MeshcdError {
  if (isDiscoveryFailure(error)) {
    return new MeshcdError({
      phase: 'cluster',
      reason: 'KindNotServed',
      message: `${action}: the cluster does not serve this apiVersion and kind`,
      cause: error,
    });
  }
  if (error instanceof ApiException) {
    const code = error.code;
    return new MeshcdError({
      phase: 'cluster',
      reason: reasons[code] ?? (code >= 500 ? 'ServerError' : `Http${code}`),
      message: `${action}: ${statusMessage(error.body)}`,
      retryable: code === 429 || code >= 500,
      cause: error,
    });
  }
  return new MeshcdError({
    phase: 'cluster',
    reason: 'NetworkError',
    message: `${action}: ${error instanceof Error ? error.message : String(error)}`,
    retryable: true,
    cause: error,
  });
}

/** The object is missing (not its kind). */
export const isNotFound = (error: unknown): boolean =>
  error instanceof ApiException && error.code === 404 && !isDiscoveryFailure(error);
