import { describe, expect, it } from 'vitest';
import { withoutManagerFields } from './without-manager-fields.ts';

const object = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'api',
    annotations: { 'meshcd.io/injection': 'x', owner: 'team' },
    managedFields: [
      {
        manager: 'team',
        operation: 'Apply',
        fieldsV1: {
          'f:metadata': { 'f:annotations': { 'f:owner': {} } },
          'f:spec': {
            'f:template': {
              'f:spec': { 'f:containers': { 'k:{"name":"app"}': { '.': {}, 'f:name': {}, 'f:image': {} } } },
            },
          },
        },
      },
      {
        manager: 'meshcd-injector',
        operation: 'Apply',
        fieldsV1: {
          'f:metadata': { 'f:annotations': { 'f:meshcd.io/injection': {} } },
          'f:spec': {
            'f:template': {
              'f:spec': {
                'f:containers': { 'k:{"name":"envoy"}': { '.': {}, 'f:name': {}, 'f:image': {} } },
                'f:securityContext': { 'f:fsGroup': {} },
              },
            },
          },
        },
      },
    ],
  },
  spec: {
    template: {
      spec: {
        containers: [
          { name: 'app', image: 'api:1' },
          { name: 'envoy', image: 'envoy' },
        ],
        securityContext: { fsGroup: 1337 },
      },
    },
  },
};

describe('withoutManagerFields', () => {
  it('removes what only the injector owns and keeps what the workload owner wrote', () => {
    const stripped = withoutManagerFields(object, 'meshcd-injector');
    expect(stripped.spec).toEqual({ template: { spec: { containers: [{ name: 'app', image: 'api:1' }] } } });
    expect(stripped.metadata.annotations).toEqual({ owner: 'team' });
    expect(object.spec.template.spec.containers).toHaveLength(2);
  });

  it('keeps a field another manager also owns', () => {
    const shared = structuredClone(object);
    shared.metadata.managedFields[0]!.fieldsV1['f:spec']['f:template']['f:spec']['f:containers'] = {
      'k:{"name":"app"}': { '.': {}, 'f:name': {}, 'f:image': {} },
      'k:{"name":"envoy"}': { '.': {}, 'f:name': {}, 'f:image': {} },
    } as never;
    const stripped = withoutManagerFields(shared, 'meshcd-injector');
    expect(stripped.spec.template.spec.containers.map((c) => c.name)).toEqual(['app', 'envoy']);
  });
});
