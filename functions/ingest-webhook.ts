import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { ingestWebhook, type KitHandler, lambdaHandler } from '@meshcd/runtime';
import type { LambdaFunctionURLEvent, LambdaFunctionURLResult } from 'aws-lambda';

/**
 * Webhook receiver behind a Lambda function URL (auth NONE: the signature check below is the
 * authentication). GitHub and GitLab pushes become `meshcd.git` / `Git Push` events on the bus.
 */
export const receiveWebhook: KitHandler<LambdaFunctionURLEvent, LambdaFunctionURLResult> = async (
  event,
  { config, ports, logger, metrics },
) => {
  const response = await ingestWebhook(
    {
      headers: event.headers,
      ...(event.body !== undefined ? { body: event.body } : {}),
      isBase64Encoded: event.isBase64Encoded,
    },
    {
      secrets: config.webhookSecrets,
      markDelivery: (id, now, ttl) => ports.state.markDelivery(id, now, ttl),
      seenDelivery: (id, now) => ports.state.seenDelivery(id, now),
      events: ports.events,
      targets: () => ports.targets(),
      maxBodyBytes: config.maxWebhookBytes,
      deliveryTtlSeconds: config.deliveryTtlSeconds,
      now: Date.now,
    },
  );
  metrics.addMetric(`webhook-${response.outcome}`, MetricUnit.Count, 1);
  const log = response.statusCode >= 400 ? logger.warn : logger.info;
  log.call(logger, `webhook ${response.outcome}`, {
    deliveryId: response.deliveryId,
    detail: response.message,
  });
  const { statusCode, ...body } = response;
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
};

export const handler = lambdaHandler(receiveWebhook);
