import { lambdaHandler } from '@meshcd/runtime';
import { testContext, testKit } from '@meshcd/runtime/testing';
import { describe, expect, it } from 'vitest';
import type { WorkloadRef } from '../packages/core/src/ports/cluster-api.ts';
import { checkClusterEvent } from './cluster-event.ts';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';

const targets = JSON.stringify([
  {
    id: 'payments',
    source: { repository: 'https://github.com/org/mesh.git', branch: 'main' },
    accountId: '123456789012',
    region: 'eu-west-1',
    cluster: { name: 'prod' },
  },
]);

const objectChanged = (kind: string) => ({
  version: '0',
  id: 'event-1',
  'detail-type': 'Kubernetes Object Changed',
  source: 'meshcd.cluster',
  account: '123456789012',
  time: '2026-03-04T11:30:00Z',
  region: 'eu-west-1',
  resources: [],
  detail: {
    schemaVersion: '1',
    cluster: 'prod',
    change: 'modified',
    namespace: 'payments',
    group: 'apps',
    kind,
    name: 'checkout',
  },
});

function handlerWith(env: Record<string, string>, withCluster: boolean) {
  const checked: WorkloadRef[] = [];
  const cluster = { checkWorkload: async (ref: WorkloadRef) => void checked.push(ref) };
  const { kit } = testKit(env, withCluster ? { workloadCheckerFor: async () => cluster } : {});
  return { handler: lambdaHandler(checkClusterEvent, () => kit), checked };
}

describe('cluster-event handler', () => {
  it('checks the one workload a cluster event names', async () => {
    const { handler, checked } = handlerWith({ MESHCD_TARGETS: targets }, true);
    await handler(objectChanged('Deployment') as never, testContext);
    expect(checked).toEqual([
      { cluster: 'prod', namespace: 'payments', group: 'apps', kind: 'Deployment', name: 'checkout' },
    ]);
  });

  it('leaves objects that carry no pod template alone', async () => {
    const { handler, checked } = handlerWith({ MESHCD_TARGETS: targets }, true);
    await handler(objectChanged('ConfigMap') as never, testContext);
    expect(checked).toEqual([]);
  });

  it('returns quietly when no target names a cluster', async () => {
    const { handler, checked } = handlerWith({}, true);
    await expect(handler(objectChanged('Deployment') as never, testContext)).resolves.toBeUndefined();
    expect(checked).toEqual([]);
  });

  it('reports a malformed event instead of throwing it back for retries', async () => {
    const { handler, checked } = handlerWith({ MESHCD_TARGETS: targets }, true);
    const malformed = { ...objectChanged('Deployment'), detail: { schemaVersion: '1', kind: 'Deployment' } };
    await expect(handler(malformed as never, testContext)).resolves.toBeUndefined();
    expect(checked).toEqual([]);
  });
});
