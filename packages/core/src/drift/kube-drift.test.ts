import { describe, expect, it } from 'vitest';
import { appliedFieldDiffs } from '../plan/diff-spec.ts';
import { parseIgnoreRule } from './ignore-rules.ts';
import { classifyKubeDrift, injectionItemKey } from './kube-drift.ts';

const deployment = (containers: Array<Record<string, unknown>>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { replicas: 2, template: { spec: { containers } }, ...extra },
});
const key = 'kube:shop/apps/Deployment/web';

describe('appliedFieldDiffs on a cluster object', () => {
  it('matches containers by name, so a sidecar added beside them or a reordering is no difference', () => {
    const applied = deployment([{ name: 'app', image: 'web:1' }]);
    const live = deployment([
      { name: 'envoy', image: 'envoy:1' },
      { name: 'app', image: 'web:1', imagePullPolicy: 'IfNotPresent' },
    ]);
    expect(appliedFieldDiffs(applied, live)).toEqual([]);
  });

  it('names a changed field of a keyed list item by its key', () => {
    const applied = deployment([{ name: 'app', image: 'web:1', env: [{ name: 'MODE', value: 'a' }] }]);
    const live = deployment([{ name: 'app', image: 'web:2', env: [{ name: 'MODE', value: 'b' }] }]);
    expect(appliedFieldDiffs(applied, live)).toEqual([
      { path: 'spec.template.spec.containers[name=app].env[name=MODE].value', expected: 'a', actual: 'b' },
      { path: 'spec.template.spec.containers[name=app].image', expected: 'web:1', actual: 'web:2' },
    ]);
  });

  it('reports a removed keyed item whole, and compares unkeyed lists by position', () => {
    const applied = deployment([{ name: 'envoy', image: 'envoy:1' }], { args: ['a', 'b'] });
    const live = deployment([{ name: 'app' }], { args: ['a', 'c'] });
    expect(appliedFieldDiffs(applied, live)).toEqual([
      { path: 'spec.args[1]', expected: 'b', actual: 'c' },
      { path: 'spec.template.spec.containers[name=envoy]', expected: { name: 'envoy', image: 'envoy:1' } },
    ]);
  });
});

describe('classifyKubeDrift', () => {
  const applied = deployment([{ name: 'app', image: 'web:1' }]);

  it('says Unknown with the reason when the object, or its kind, could not be read', () => {
    const items = classifyKubeDrift(
      [{ key, object: applied }],
      [{ key, error: 'forbidden', reason: 'list-failed' }],
      [],
    );
    expect(items).toEqual([
      {
        key,
        provider: 'kube',
        kind: 'Deployment',
        name: 'web',
        namespace: 'shop',
        state: 'Unknown',
        reason: 'list-failed',
        error: 'forbidden',
      },
    ]);
  });

  it('classifies an injection apart from its workload, and reports unrecorded objects as Unmanaged', () => {
    const injection = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop', annotations: { 'meshcd.io/injection': 'm#1' } },
      spec: { template: { spec: { containers: [{ name: 'envoy', image: 'envoy:1' }] } } },
    };
    const live = {
      ...applied,
      metadata: { ...applied.metadata, annotations: { 'meshcd.io/injection': 'm#1' } },
    };
    const items = classifyKubeDrift([{ key, object: applied }], [{ key, object: live }], [], {
      injections: [{ workloadKey: key, expected: injection, live }],
      unmanaged: [{ key: 'kube:shop/apps/Deployment/hand-made', reason: 'not-in-git' }],
    });
    expect(items.map((i) => [i.key, i.subject, i.state, i.reason])).toEqual([
      [key, undefined, 'InSync', undefined],
      [injectionItemKey(key), 'injection', 'Modified', 'injection-changed'],
      ['kube:shop/apps/Deployment/hand-made', undefined, 'Unmanaged', 'not-in-git'],
    ]);
    expect(items[1]?.differences?.map((d) => d.path)).toEqual(['spec.template.spec.containers[name=envoy]']);
  });

  it('applies ignore rules by Kind:path to injections too', () => {
    const expected = deployment([{ name: 'envoy', image: 'envoy:1' }]);
    const live = deployment([{ name: 'envoy', image: 'envoy:2' }]);
    const rules = ['Deployment:spec.template.spec.containers[*].image'].map(parseIgnoreRule);
    const items = classifyKubeDrift([], [], rules, { injections: [{ workloadKey: key, expected, live }] });
    expect(items.map((i) => i.state)).toEqual(['InSync']);
    expect(
      classifyKubeDrift([], [], [], { injections: [{ workloadKey: key, expected, live }] })[0]?.state,
    ).toBe('Modified');
  });
});
