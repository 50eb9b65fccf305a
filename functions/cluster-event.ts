import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { handleClusterEvent, type KitHandler, lambdaHandler, triggerOf } from '@meshcd/runtime';
import type { EventBridgeEvent } from 'aws-lambda';

/**
 * Cluster events (meshcd's own `Kubernetes Object Changed` and kubernetes-event-exporter's sink): a
 * change to a workload triggers the targeted check of that workload alone.
 */
export const checkClusterEvent: KitHandler<EventBridgeEvent<string, unknown>, void> = async (
  event,
  { ports, logger, metrics },
) => {
  const trigger = triggerOf(event, { logger, metrics });
  if (trigger?.type !== 'cluster-object-changed') {
    logger.info('not a cluster object change', { source: event.source, detailType: event['detail-type'] });
    return;
  }
  const outcome = await handleClusterEvent(trigger, await ports.targets(), ports.workloadCheckerFor);
  if (outcome === 'no-cluster')
    logger.info('no cluster configured for this event', { cluster: trigger.cluster });
  metrics.addMetric(`cluster-event-${outcome}`, MetricUnit.Count, 1);
};

export const handler = lambdaHandler(checkClusterEvent);
