import { describe, expect, it } from 'vitest';
import { planInstances } from './plan-instances.ts';

const attrs = (ip: string, extra: Record<string, string> = {}) => ({
  AWS_INSTANCE_IPV4: ip,
  AWS_INSTANCE_PORT: '8080',
  'appmesh.k8s.aws/mesh': 'm',
  'appmesh.k8s.aws/virtualNode': 'blue_ns',
  ...extra,
});

describe('planInstances (the controller’s register/deregister diff)', () => {
  it('registers a ready pod that has no instance, starting it HEALTHY without a separate health report', () => {
    const plan = planInstances(
      [{ id: '10.0.0.1', attributes: attrs('10.0.0.1'), ready: true }],
      [],
      true,
      {},
    );
    expect(plan.register).toEqual([
      { id: '10.0.0.1', attributes: { ...attrs('10.0.0.1'), AWS_INIT_HEALTH_STATUS: 'HEALTHY' } },
    ]);
    expect(plan.deregister).toEqual([]);
    expect(plan.health).toEqual([]);
  });

  it('plans nothing when instances match the pods and their health (a duplicate event is a no-op)', () => {
    const existing = [
      { id: '10.0.0.1', attributes: { ...attrs('10.0.0.1'), AWS_INIT_HEALTH_STATUS: 'HEALTHY' } },
    ];
    const plan = planInstances(
      [{ id: '10.0.0.1', attributes: attrs('10.0.0.1'), ready: true }],
      existing,
      true,
      { '10.0.0.1': 'HEALTHY' },
    );
    expect(plan).toEqual({ register: [], deregister: [], health: [] });
  });

  it('re-registers changed attributes keeping the initial status, and deregisters pods that are gone', () => {
    const existing = [
      { id: '10.0.0.1', attributes: { ...attrs('10.0.0.1'), AWS_INIT_HEALTH_STATUS: 'UNHEALTHY' } },
      { id: '10.0.0.9', attributes: attrs('10.0.0.9') },
    ];
    const plan = planInstances(
      [{ id: '10.0.0.1', attributes: attrs('10.0.0.1', { version: 'v2' }), ready: true }],
      existing,
      true,
      { '10.0.0.1': 'HEALTHY', '10.0.0.9': 'HEALTHY' },
    );
    expect(plan.register).toEqual([
      {
        id: '10.0.0.1',
        attributes: { ...attrs('10.0.0.1', { version: 'v2' }), AWS_INIT_HEALTH_STATUS: 'UNHEALTHY' },
      },
    ]);
    expect(plan.deregister).toEqual(['10.0.0.9']);
    expect(plan.health).toEqual([]);
  });

  it('with custom health keeps a not-ready pod’s instance and marks it UNHEALTHY, but never registers a new one', () => {
    const existing = [{ id: '10.0.0.1', attributes: attrs('10.0.0.1') }];
    const plan = planInstances(
      [
        { id: '10.0.0.1', attributes: attrs('10.0.0.1'), ready: false },
        // The controller reported health for this never-registered pod too, which Cloud Map refuses.
        { id: '10.0.0.2', attributes: attrs('10.0.0.2'), ready: false },
      ],
      existing,
      true,
      { '10.0.0.1': 'HEALTHY' },
    );
    expect(plan.register).toEqual([]);
    expect(plan.deregister).toEqual([]);
    expect(plan.health).toEqual([{ id: '10.0.0.1', status: 'UNHEALTHY' }]);
  });

  it('without custom health deregisters a not-ready pod’s instance', () => {
    const plan = planInstances(
      [{ id: '10.0.0.1', attributes: attrs('10.0.0.1'), ready: false }],
      [{ id: '10.0.0.1', attributes: attrs('10.0.0.1') }],
      false,
      {},
    );
    expect(plan).toEqual({ register: [], deregister: ['10.0.0.1'], health: [] });
  });

  it('reports HEALTHY again when a pod turns ready after being marked unhealthy', () => {
    const plan = planInstances(
      [{ id: '10.0.0.1', attributes: attrs('10.0.0.1'), ready: true }],
      [{ id: '10.0.0.1', attributes: { ...attrs('10.0.0.1'), AWS_INIT_HEALTH_STATUS: 'HEALTHY' } }],
      true,
      { '10.0.0.1': 'UNHEALTHY' },
    );
    expect(plan).toEqual({ register: [], deregister: [], health: [{ id: '10.0.0.1', status: 'HEALTHY' }] });
  });
});
