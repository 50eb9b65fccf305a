import { defaultTargetPolicy, type EndpointSyncOutcome, type Target } from '@meshcd/core';
import type { ClusterObjectChangedTrigger } from '@meshcd/events';
import { describe, expect, it } from 'vitest';
import { handleClusterEvent } from './handle-cluster-event.ts';

const target = (id: string, provider?: Target['provider']): Target => ({
  id,
  source: { repository: `https://git.example/${id}.git`, branch: 'main', path: '.' },
  accountId: '111122223333',
  region: 'us-west-2',
  cluster: { name: 'prod' },
  policy: { ...defaultTargetPolicy },
  ...(provider ? { provider } : {}),
});

const event = (kind: string, group = ''): ClusterObjectChangedTrigger =>
  ({
    type: 'cluster-object-changed',
    cluster: 'prod',
    namespace: 'shop',
    group,
    kind,
    name: 'blue-1',
    change: 'modified',
  }) as ClusterObjectChangedTrigger;

const synced = (member: string): EndpointSyncOutcome => ({
  member,
  namespaceName: 'ns',
  serviceName: member,
  status: 'changed',
  registered: ['10.0.0.1'],
  deregistered: [],
  healthReported: 0,
  gatesOpened: 0,
});

describe('handleClusterEvent with several targets on one cluster', () => {
  it('syncs a pod for every target on the cluster, App Mesh and Lattice alike', async () => {
    const seen: string[] = [];
    const result = await handleClusterEvent(event('Pod'), [target('mesh'), target('lattice', 'lattice')], {
      checkerFor: async () => undefined,
      syncPod: async (t) => {
        seen.push(t.id);
        return [synced(t.id)];
      },
    });
    expect(seen.sort()).toEqual(['lattice', 'mesh']);
    expect(result.endpoints?.map((e) => e.member).sort()).toEqual(['lattice', 'mesh']);
  });

  it('checks a workload’s sidecar only for an App Mesh target', async () => {
    const checked: string[] = [];
    const checkerFor = async (t: Target) => ({
      checkWorkload: async () => {
        checked.push(t.id);
        return [];
      },
    });
    const onlyLattice = await handleClusterEvent(
      event('Deployment', 'apps'),
      [target('lattice', 'lattice')],
      {
        checkerFor: checkerFor as never,
      },
    );
    expect(onlyLattice.outcome).toBe('ignored');
    await handleClusterEvent(event('Deployment', 'apps'), [target('lattice', 'lattice'), target('mesh')], {
      checkerFor: checkerFor as never,
    });
    expect(checked).toEqual(['mesh']);
  });
});
