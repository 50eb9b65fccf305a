import { parse as parseYaml } from 'yaml';
import { KubeStatusError } from './kube-status-error.ts';

/** A server-side apply body as YAML (JSON included), or the API server's 400 BadRequest Status. */
export function parseYamlBody(body: string): unknown {
  try {
    return parseYaml(body);
  } catch (error) {
    throw new KubeStatusError(
      400,
      'BadRequest',
      `error decoding YAML: ${(error as Error).message}`,
      undefined,
      {
        cause: error,
      },
    );
  }
}
