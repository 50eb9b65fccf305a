import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from './kube-object.ts';
import { serverSideApply } from './server-side-apply.ts';

const name = fc.constantFrom('app', 'envoy', 'init', 'logger');
const value = fc.constantFrom('a', 'b', 'c');

const container = fc.record(
  {
    name,
    image: fc.constantFrom('img:1', 'img:2'),
    args: fc.array(value, { maxLength: 2 }),
    env: fc.uniqueArray(fc.record({ name: fc.constantFrom('X', 'Y', 'Z'), value }), {
      selector: (e) => e.name,
    }),
  },
  { requiredKeys: ['name'] },
);

/** Deployments that differ in labels, scalar fields, atomic lists and keyed lists. */
const config = fc
  .record(
    {
      labels: fc.dictionary(fc.constantFrom('a', 'b', 'c'), value),
      replicas: fc.integer({ min: 0, max: 3 }),
      paused: fc.boolean(),
      containers: fc.uniqueArray(container, { selector: (c) => c.name, maxLength: 3 }),
    },
    { requiredKeys: [] },
  )
  .map(
    ({ labels, containers, ...spec }): KubeObject => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', ...(labels ? { labels } : {}) },
      spec: { ...spec, ...(containers ? { template: { spec: { containers } } } : {}) },
    }),
  );

/**
 * The object with every keyed list (containers, and each container's env) in name order, at any depth, for
 * comparisons that hold whatever the list order.
 */
const byKey = (o: KubeObject): KubeObject => sortKeyedLists(structuredClone(o)) as KubeObject;

const isNamed = (item: unknown): item is { name: string } =>
  typeof item === 'object' && item !== null && typeof (item as { name?: unknown }).name === 'string';

function sortKeyedLists(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(sortKeyedLists);
    return items.every(isNamed) ? items.sort((a, b) => a.name.localeCompare(b.name)) : items;
  }
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sortKeyedLists(v)]));
}

const apply = (live: KubeObject | undefined, applied: KubeObject, manager = 'meshcd') =>
  serverSideApply({ live, applied, manager, force: false, time: 't' });

describe('server-side apply by a single manager', () => {
  it('converges on the latest configuration whatever was applied before', () => {
    fc.assert(
      fc.property(config, config, (first, second) => {
        expect(apply(apply(undefined, first), second)).toEqual(apply(undefined, second));
      }),
      { numRuns: 500 },
    );
  });

  it('changes nothing when the same configuration is applied again', () => {
    fc.assert(
      fc.property(config, (c) => {
        const once = apply(undefined, c);
        expect(apply(once, c)).toEqual(once);
      }),
    );
  });

  it("never removes or changes another manager's fields when it does not force", () => {
    fc.assert(
      fc.property(config, config, (mine, theirs) => {
        const base = apply(undefined, theirs, 'other');
        let result: KubeObject;
        try {
          result = apply(base, mine);
        } catch {
          return; // a conflict leaves the object untouched, which is also fine
        }
        // Everything the other manager set is still there with its value. The order of a keyed list is
        // not a field anyone owns: re-applying puts the items in the applier's order, on a real API server
        // too, so items are compared by their key.
        expect(byKey(apply(result, theirs, 'other'))).toEqual(byKey(result));
      }),
      { numRuns: 500 },
    );
  });
});
