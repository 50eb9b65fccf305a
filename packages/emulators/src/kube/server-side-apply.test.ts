import { describe, expect, it } from 'vitest';
import type { KubeObject } from './kube-object.ts';
import { KubeStatusError } from './kube-status-error.ts';
import { serverSideApply } from './server-side-apply.ts';

const time = '2026-01-01T00:00:00Z';

function deployment(spec: Record<string, unknown>, labels?: Record<string, string>): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop', ...(labels ? { labels } : {}) },
    spec,
  };
}

const containers = (...list: Record<string, unknown>[]) => ({
  selector: { matchLabels: { app: 'web' } },
  template: { metadata: { labels: { app: 'web' } }, spec: { containers: list } },
});

const apply = (live: KubeObject | undefined, applied: KubeObject, manager: string, force = false) =>
  serverSideApply({ live, applied, manager, force, time });

const managers = (o: KubeObject) =>
  (o.metadata.managedFields as { manager: string; operation: string; fieldsV1: unknown }[]).map((e) => [
    e.manager,
    e.operation,
  ]);

describe('serverSideApply', () => {
  it('records the applied fields in the fieldsV1 form, with list items keyed by merge key', () => {
    const created = apply(
      undefined,
      deployment({ replicas: 2, ...containers({ name: 'app', image: 'a:1' }) }, { app: 'web' }),
      'meshcd',
    );
    expect(created.metadata.managedFields).toEqual([
      {
        manager: 'meshcd',
        operation: 'Apply',
        apiVersion: 'apps/v1',
        time,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:replicas': {},
            'f:selector': {},
            'f:template': {
              'f:metadata': { 'f:labels': { 'f:app': {} } },
              'f:spec': {
                'f:containers': { 'k:{"name":"app"}': { '.': {}, 'f:image': {}, 'f:name': {} } },
              },
            },
          },
        },
      },
    ]);
  });

  it("keeps another manager's fields when a manager applies without them", () => {
    const first = apply(
      undefined,
      deployment({ replicas: 2, ...containers({ name: 'app', image: 'a:1' }) }),
      'meshcd',
    );
    const sidecar = apply(first, deployment(containers({ name: 'envoy', image: 'envoy:1' })), 'injector');
    const again = apply(
      sidecar,
      deployment({ replicas: 2, ...containers({ name: 'app', image: 'a:2' }) }),
      'meshcd',
    );
    const names = (again.spec as { template: { spec: { containers: { name: string; image: string }[] } } })
      .template.spec.containers;
    expect(names).toEqual([
      { name: 'app', image: 'a:2' },
      { name: 'envoy', image: 'envoy:1' },
    ]);
    expect(managers(again)).toEqual([
      ['meshcd', 'Apply'],
      ['injector', 'Apply'],
    ]);
  });

  it('removes a field the manager applied before and no longer applies', () => {
    const first = apply(
      undefined,
      deployment(
        {
          replicas: 2,
          minReadySeconds: 5,
          ...containers({ name: 'app', image: 'a:1' }, { name: 'old', image: 'o:1' }),
        },
        { app: 'web', old: 'yes' },
      ),
      'meshcd',
    );
    const second = apply(
      first,
      deployment({ replicas: 2, ...containers({ name: 'app', image: 'a:1' }) }, { app: 'web' }),
      'meshcd',
    );
    expect(second.metadata.labels).toEqual({ app: 'web' });
    expect(second.spec).not.toHaveProperty('minReadySeconds');
    expect(
      (second.spec as { template: { spec: { containers: unknown[] } } }).template.spec.containers,
    ).toEqual([{ name: 'app', image: 'a:1' }]);
  });

  it('keeps a dropped field that another manager also owns', () => {
    const first = apply(undefined, deployment({ replicas: 3 }), 'meshcd');
    const shared = apply(first, deployment({ replicas: 3 }), 'autoscaler');
    const dropped = apply(shared, deployment({ paused: false }), 'meshcd');
    expect(dropped.spec).toEqual({ replicas: 3, paused: false });
  });

  it('refuses to change a field another manager owns, naming field and manager', () => {
    const first = apply(undefined, deployment({ replicas: 2 }), 'meshcd');
    const error = (() => {
      try {
        apply(first, deployment({ replicas: 5 }), 'autoscaler');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(KubeStatusError);
    expect(error).toMatchObject({
      code: 409,
      reason: 'Conflict',
      message: 'Apply failed with 1 conflict: conflict with "meshcd" using apps/v1: .spec.replicas',
      details: { causes: [{ reason: 'FieldManagerConflict', field: '.spec.replicas' }] },
    });
  });

  it('takes a conflicting field from its owner when forced', () => {
    const first = apply(undefined, deployment({ replicas: 2, paused: false }), 'meshcd');
    const forced = apply(first, deployment({ replicas: 5 }), 'autoscaler', true);
    expect((forced.spec as { replicas: number }).replicas).toBe(5);
    const byManager = Object.fromEntries(
      (forced.metadata.managedFields as { manager: string; fieldsV1: unknown }[]).map((e) => [
        e.manager,
        e.fieldsV1,
      ]),
    );
    expect(byManager).toEqual({
      meshcd: { 'f:spec': { 'f:paused': {} } },
      autoscaler: { 'f:spec': { 'f:replicas': {} } },
    });
  });

  it('lets a second manager co-own a field by applying the same value', () => {
    const first = apply(undefined, deployment({ replicas: 2 }), 'meshcd');
    const shared = apply(first, deployment({ replicas: 2 }), 'other');
    expect(managers(shared)).toEqual([
      ['meshcd', 'Apply'],
      ['other', 'Apply'],
    ]);
  });

  it('names a conflicting field inside a keyed list item', () => {
    const first = apply(undefined, deployment(containers({ name: 'app', image: 'a:1' })), 'meshcd');
    expect(() => apply(first, deployment(containers({ name: 'app', image: 'a:9' })), 'other')).toThrow(
      '.spec.template.spec.containers[name="app"].image',
    );
  });

  it('ignores status and managedFields in the applied configuration', () => {
    const applied = { ...deployment({ replicas: 1 }), status: { replicas: 9 } };
    applied.metadata.managedFields = [{ manager: 'forged' }];
    const created = apply(undefined, applied, 'meshcd');
    expect(created).not.toHaveProperty('status');
    expect(managers(created)).toEqual([['meshcd', 'Apply']]);
  });
});
