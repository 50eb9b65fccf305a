import { randomUUID } from 'node:crypto';
import { signGitHubBody } from '@meshcd/events';

/** A GitHub push webhook as GitHub sends it: JSON body, event and delivery headers, HMAC signature. */
export function gitHubPush(options: {
  cloneUrl: string;
  revision: string;
  pushedAt?: number;
  branch?: string;
}) {
  return JSON.stringify({
    ref: `refs/heads/${options.branch ?? 'main'}`,
    before: `${'0'.repeat(39)}1`,
    after: options.revision,
    commits: [],
    pusher: { name: 'platform-team' },
    repository: {
      full_name: 'platform/mesh-config',
      clone_url: options.cloneUrl,
      pushed_at: options.pushedAt ?? Math.floor(Date.now() / 1000),
    },
  });
}

/**
 * Delivers a webhook body to `url`, signed with `secret` (or not signed at all when it is undefined),
 * as JSON or, like a GitHub webhook left at its default content type, form-encoded (`payload=…`).
 */
export async function deliver(
  url: string,
  json: string,
  secret: string | undefined,
  deliveryId: string = randomUUID(),
  contentType: 'json' | 'form' = 'json',
) {
  const body = contentType === 'form' ? `payload=${encodeURIComponent(json)}` : json;
  const headers: Record<string, string> = {
    'content-type': contentType === 'form' ? 'application/x-www-form-urlencoded' : 'application/json',
    'x-github-event': 'push',
    'x-github-delivery': deliveryId,
  };
  if (secret !== undefined) headers['x-hub-signature-256'] = signGitHubBody(body, secret);
  const response = await fetch(url, { method: 'POST', headers, body });
  return { status: response.status, body: (await response.json()) as { outcome: string; message: string } };
}
