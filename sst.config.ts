/// <reference path="./.sst/platform/config.d.ts" />

/**
 * meshcd's AWS infrastructure, composed from infra/ in data-flow order: the bus events arrive on, the
 * state table, the secrets, the dead-letter queue, then the functions that ingest, reconcile and react
 * to cluster events.
 */
export default $config({
  app(input) {
    return {
      name: 'meshcd',
      home: 'aws',
      removal: input?.stage === 'production' ? 'retain' : 'remove',
      protect: input?.stage === 'production',
    };
  },
  async run() {
    // Targets in other accounts must name a role there: such a deployment fails before its functions exist.
    await (await import('./infra/targets')).refuseForeignTargetsWithoutRole();
    const { bus } = await import('./infra/bus');
    const { table } = await import('./infra/state');
    await import('./infra/secrets');
    const { deadLetters, allowRulesToDeadLetter } = await import('./infra/dead-letters');
    const { ingestWebhook } = await import('./infra/ingest');
    const { gitPushSubscription, codeCommitSubscription } = await import('./infra/reconciler');
    const { clusterObjectSubscription, eventExporterSubscription } = await import('./infra/cluster-events');
    const { appMeshCallSubscription, detectDriftFunction } = await import('./infra/drift');
    // App Mesh calls in the targets' other regions reach the drift check's rule on the home default bus.
    await import('./infra/app-mesh-call-forwarding');
    const { reconcileFunction } = await import('./infra/reconciler');
    const { clusterEventFunction } = await import('./infra/cluster-events');
    // The functions' roles on the targets' EKS clusters: access entries and access policies.
    await import('./infra/cluster-access');
    // An operator hears of dead letters and function errors.
    const { alarmTopic, errorAlarm } = await import('./infra/alarms');
    for (const [name, fn] of Object.entries({
      IngestWebhook: ingestWebhook,
      Reconcile: reconcileFunction,
      ClusterEvent: clusterEventFunction,
      DetectDrift: detectDriftFunction,
    })) {
      errorAlarm(name, fn.name);
    }
    allowRulesToDeadLetter(
      'MeshcdDeadLettersPolicy',
      [
        gitPushSubscription,
        codeCommitSubscription,
        clusterObjectSubscription,
        eventExporterSubscription,
        appMeshCallSubscription,
      ].map(
        // Subscriptions are Outputs: reading `nodes` through the lifted proxy would resolve every node.
        (subscription) => subscription.apply((s) => s.nodes.rule.arn),
      ),
    );
    return {
      bus: bus.name,
      table: table.name,
      webhookUrl: ingestWebhook.url,
      deadLetters: deadLetters.url,
      alarms: alarmTopic.arn,
    };
  },
});
