import { eventError } from '../event-error.ts';
import type { GitPushTrigger } from '../trigger-event.ts';
import { normalizeGitHubPush } from './github-push.ts';
import { normalizeGitLabPush } from './gitlab-push.ts';
import { verifyGitHubSignature } from './verify-github-signature.ts';
import { verifyGitLabToken } from './verify-gitlab-token.ts';

export interface WebhookRequest {
  /** Header names in any case (function URLs lower-case them). */
  headers: Record<string, string | undefined>;
  /** The body exactly as received; decode base64 first when the function URL says isBase64Encoded. */
  rawBody: string | Uint8Array;
  /** Shared secrets per provider; a provider without one is refused. */
  secrets: { github?: string; gitlab?: string };
  /** Receipt time (epoch ms), the order of last resort. */
  receivedAt: number;
}

export interface ParsedWebhook {
  provider: 'github' | 'gitlab';
  deliveryId: string;
  /** X-GitHub-Event or X-Gitlab-Event, e.g. `push`, `ping`, `Push Hook`. */
  eventName: string;
  /** The push to reconcile; absent for events that ask for no work (ping, tag push, branch deletion). */
  trigger?: GitPushTrigger;
}

/**
 * Authenticates a webhook delivery and normalises it. Verification comes before parsing: an unsigned
 * body is never interpreted. Throws MeshcdError(phase 'event') with reason missing-signature or
 * invalid-signature (→ 401), invalid-payload or unsupported-event (→ 400).
 */
export function parseWebhook(request: WebhookRequest): ParsedWebhook {
  const header = headerReader(request.headers);
  const gitHubEvent = header('x-github-event');
  const gitLabEvent = header('x-gitlab-event');

  if (gitHubEvent !== undefined) {
    const signature = header('x-hub-signature-256');
    if (signature === undefined)
      throw eventError('missing-signature', 'GitHub delivery without X-Hub-Signature-256');
    if (
      !request.secrets.github ||
      !verifyGitHubSignature(request.rawBody, signature, request.secrets.github)
    ) {
      throw eventError('invalid-signature', 'GitHub delivery: X-Hub-Signature-256 does not match the body');
    }
    const deliveryId = required(header('x-github-delivery'), 'X-GitHub-Delivery');
    const trigger =
      gitHubEvent === 'push'
        ? normalizeGitHubPush(
            gitHubPayload(request.rawBody, header('content-type')),
            deliveryId,
            request.receivedAt,
          )
        : undefined;
    return { provider: 'github', deliveryId, eventName: gitHubEvent, ...(trigger ? { trigger } : {}) };
  }

  if (gitLabEvent !== undefined) {
    const token = header('x-gitlab-token');
    if (token === undefined) throw eventError('missing-signature', 'GitLab delivery without X-Gitlab-Token');
    if (!request.secrets.gitlab || !verifyGitLabToken(token, request.secrets.gitlab)) {
      throw eventError('invalid-signature', 'GitLab delivery: X-Gitlab-Token does not match');
    }
    const deliveryId = required(header('x-gitlab-event-uuid'), 'X-Gitlab-Event-UUID');
    const trigger =
      gitLabEvent === 'Push Hook'
        ? normalizeGitLabPush(json(request.rawBody), deliveryId, request.receivedAt)
        : undefined;
    return { provider: 'gitlab', deliveryId, eventName: gitLabEvent, ...(trigger ? { trigger } : {}) };
  }

  throw eventError(
    'unsupported-event',
    'webhook from an unknown sender: neither X-GitHub-Event nor X-Gitlab-Event',
  );
}

function headerReader(headers: Record<string, string | undefined>) {
  const lower = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return (name: string) => lower.get(name) ?? undefined;
}

function required(value: string | undefined, name: string): string {
  if (!value) throw eventError('invalid-payload', `webhook delivery without ${name}`);
  return value;
}

function json(rawBody: string | Uint8Array, what = 'webhook body'): unknown {
  const text = typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw eventError('invalid-payload', `${what} is not JSON: ${(error as Error).message}`, error);
  }
}

/**
 * GitHub's payload in either content type a webhook can be set to: `application/json`, or the default
 * `application/x-www-form-urlencoded`, whose body is `payload=<url-encoded JSON>`. Called only after the
 * signature was verified over the raw bytes, whichever the form.
 */
function gitHubPayload(rawBody: string | Uint8Array, contentType: string | undefined): unknown {
  if (!contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded')) return json(rawBody);
  const text = typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('utf8');
  const payload = new URLSearchParams(text).get('payload');
  if (payload === null)
    throw eventError('invalid-payload', 'form-encoded GitHub delivery without a payload field');
  return json(payload, 'the payload field of a form-encoded GitHub delivery');
}
