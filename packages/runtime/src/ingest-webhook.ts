import { MeshcdError, type Target } from '@meshcd/core';
import {
  detailTypes,
  eventSources,
  type ParsedWebhook,
  parseWebhook,
  toGitPushDetail,
  trimToEntrySize,
} from '@meshcd/events';
import type { EventPublisher } from './event-publisher.ts';
import { untrackedReason } from './targets-for-push.ts';

/** The parts of a Lambda function URL request the receiver reads. */
export interface WebhookHttpRequest {
  headers: Record<string, string | undefined>;
  body?: string;
  isBase64Encoded?: boolean;
}

export type WebhookStatus = 200 | 202 | 400 | 401 | 413;

export interface WebhookResponse {
  statusCode: WebhookStatus;
  /** What happened, for the sender's delivery log. */
  outcome: 'accepted' | 'duplicate' | 'ignored' | 'unauthorized' | 'invalid' | 'too-large';
  message: string;
  deliveryId?: string;
}

export interface IngestWebhookDeps {
  secrets: { github?: string; gitlab?: string };
  /** Records a delivery id once its push is on the bus (StateStore.markDelivery). */
  markDelivery(deliveryId: string, now: number, ttlSeconds: number): Promise<boolean>;
  /** True when a delivery id was recorded and has not expired (StateStore.seenDelivery). */
  seenDelivery(deliveryId: string, now: number): Promise<boolean>;
  events: EventPublisher;
  /** The configured targets: a push none of them tracks is answered `ignored`, never published. */
  targets(): Promise<readonly Target[]> | readonly Target[];
  maxBodyBytes: number;
  deliveryTtlSeconds: number;
  now(): number;
}

const refusals: Record<string, { statusCode: WebhookStatus; outcome: WebhookResponse['outcome'] }> = {
  'missing-signature': { statusCode: 401, outcome: 'unauthorized' },
  'invalid-signature': { statusCode: 401, outcome: 'unauthorized' },
  'too-large': { statusCode: 413, outcome: 'too-large' },
  'invalid-payload': { statusCode: 400, outcome: 'invalid' },
  'unsupported-event': { statusCode: 400, outcome: 'invalid' },
};

/**
 * The webhook receiver: size check, signature check, tracked check, duplicate check, trim, PutEvents,
 * then the delivery record — in that order, so an oversize or forged request is refused before anything
 * is parsed, recorded or published; a push no target tracks is answered 200 `ignored` with the reason
 * rather than a 202 that promises a reconcile which will never happen; and a delivery is recorded only
 * once its push is on the bus: if PutEvents fails, the sender's redelivery is published rather than
 * answered as a duplicate.
 * Two copies of one delivery racing past the duplicate check both publish; the reconciler treats a
 * revision that is wanted or applied already as a no-op, so the bus side is idempotent.
 * Transient faults (DynamoDB, EventBridge) are thrown: the function URL answers 5xx and the sender
 * may redeliver.
 */
export async function ingestWebhook(
  request: WebhookHttpRequest,
  deps: IngestWebhookDeps,
): Promise<WebhookResponse> {
  const rawBody = Buffer.from(request.body ?? '', request.isBase64Encoded ? 'base64' : 'utf8');
  if (rawBody.byteLength > deps.maxBodyBytes) {
    return refuse(
      'too-large',
      `body is ${rawBody.byteLength} bytes, over the ${deps.maxBodyBytes}-byte limit`,
    );
  }
  let parsed: ParsedWebhook;
  try {
    parsed = parseWebhook({
      headers: request.headers,
      rawBody,
      secrets: deps.secrets,
      receivedAt: deps.now(),
    });
  } catch (error) {
    if (error instanceof MeshcdError && error.reason in refusals) return refuse(error.reason, error.message);
    throw error;
  }
  const { deliveryId, trigger } = parsed;
  if (!trigger) {
    return { statusCode: 200, outcome: 'ignored', deliveryId, message: `${parsed.eventName}: no work to do` };
  }
  const untracked = untrackedReason(await deps.targets(), trigger);
  if (untracked) return { statusCode: 200, outcome: 'ignored', deliveryId, message: untracked };
  const deliveryKey = `${parsed.provider}:${deliveryId}`;
  if (await deps.seenDelivery(deliveryKey, deps.now()))
    return { statusCode: 200, outcome: 'duplicate', deliveryId, message: 'delivery already received' };

  const source = eventSources.git;
  const detailType = detailTypes.gitPush;
  const { detail, trimmed } = trimToEntrySize(toGitPushDetail(trigger), { source, detailType });
  await deps.events.publish([{ Source: source, DetailType: detailType, Detail: JSON.stringify(detail) }]);
  await deps.markDelivery(deliveryKey, deps.now(), deps.deliveryTtlSeconds);
  const note = trimmed.length > 0 ? ` (trimmed ${trimmed.join(', ')})` : '';
  return {
    statusCode: 202,
    outcome: 'accepted',
    deliveryId,
    message: `push of ${trigger.branch} at ${trigger.revision} accepted${note}`,
  };
}

function refuse(reason: string, message: string): WebhookResponse {
  const refusal = refusals[reason] ?? { statusCode: 400, outcome: 'invalid' };
  return { ...refusal, message };
}
