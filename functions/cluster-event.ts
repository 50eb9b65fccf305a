import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { syncPodEvent } from '@meshcd/core';
import { handleClusterEvent, type KitHandler, lambdaHandler, triggerOf } from '@meshcd/runtime';
import type { EventBridgeEvent } from 'aws-lambda';

/**
 * Cluster events (meshcd's own `Kubernetes Object Changed` and kubernetes-event-exporter's sink): a
 * change to a workload triggers the targeted check of that workload alone; a pod event brings the Cloud
 * Map instances (or, for a Lattice target, the Lattice targets) of the nodes that pod concerns up to date.
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
  const result = await handleClusterEvent(trigger, await ports.targets(), {
    checkerFor: ports.workloadCheckerFor,
    syncPod: async (target, pod) => {
      const cluster = await ports.clusterFor(target);
      if (!cluster) return undefined;
      // Lattice targets: the pod's IP is a target of the target groups of its namespace's nodes.
      return syncPodEvent({
        target,
        pod,
        cluster,
        cloudMapFor: ports.cloudMapFor,
        latticeFor: ports.latticeFor,
        state: ports.state,
      });
    },
  });
  if (result.outcome === 'no-cluster')
    logger.info('no cluster configured for this event', { cluster: trigger.cluster });
  for (const e of result.endpoints ?? []) {
    if (e.status === 'in-sync') continue;
    logger.info('endpoints of a node synced', { ...e });
    metrics.addMetric(`endpoints-${e.status}`, MetricUnit.Count, 1);
  }
  metrics.addMetric(`cluster-event-${result.outcome}`, MetricUnit.Count, 1);
};

export const handler = lambdaHandler(checkClusterEvent);
