import { KubeStatusError } from './kube-status-error.ts';

/** A request body as JSON, or the API server's 400 BadRequest Status when it is not JSON. */
export function parseJsonBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new KubeStatusError(
      400,
      'BadRequest',
      `the request body is not valid JSON: ${(error as Error).message}`,
      undefined,
      { cause: error },
    );
  }
}
