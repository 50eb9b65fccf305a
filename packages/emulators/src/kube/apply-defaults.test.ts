import { describe, expect, it } from 'vitest';
import { applyDefaults } from './apply-defaults.ts';
import type { KubeObject } from './kube-object.ts';
import { serverSideApply } from './server-side-apply.ts';

const service = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'shop' },
  spec,
});

describe('applyDefaults', () => {
  it('gives a Service a cluster IP, type, and TCP ports targeting themselves', () => {
    const out = applyDefaults(service({ ports: [{ port: 80 }] }), undefined, () => '10.96.0.10');
    expect(out.spec).toEqual({
      type: 'ClusterIP',
      sessionAffinity: 'None',
      clusterIP: '10.96.0.10',
      clusterIPs: ['10.96.0.10'],
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
    });
  });

  it("keeps a Service's cluster IP when an update leaves it out", () => {
    const live = applyDefaults(service({}), undefined, () => '10.96.0.11');
    const out = applyDefaults(service({ ports: [] }), live, () => '10.96.0.99');
    expect((out.spec as { clusterIP: string }).clusterIP).toBe('10.96.0.11');
  });

  it('never overrides a value the client set', () => {
    const out = applyDefaults(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'd' },
        spec: {
          replicas: 0,
          template: { spec: { containers: [{ name: 'c', image: 'x', imagePullPolicy: 'Never' }] } },
        },
      },
      undefined,
      () => '',
    );
    expect(out.spec).toMatchObject({ replicas: 0, revisionHistoryLimit: 10 });
    expect(
      (out.spec as { template: { spec: { containers: unknown[] } } }).template.spec.containers[0],
    ).toMatchObject({
      imagePullPolicy: 'Never',
    });
  });

  it('leaves defaulted fields unowned after a server-side apply', () => {
    const applied = serverSideApply({
      live: undefined,
      applied: service({ ports: [{ port: 80 }] }),
      manager: 'meshcd',
      force: false,
      time: 't',
    });
    const defaulted = applyDefaults(applied, undefined, () => '10.96.0.10');
    const fields = (defaulted.metadata.managedFields as { fieldsV1: unknown }[])[0]!.fieldsV1;
    expect(fields).toEqual({
      'f:spec': { 'f:ports': { 'k:{"port":80,"protocol":"TCP"}': { '.': {}, 'f:port': {} } } },
    });
  });
});
