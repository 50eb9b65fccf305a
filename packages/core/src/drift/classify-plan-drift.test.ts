import { describe, expect, it } from 'vitest';
import type { InventoryEntry } from '../state/inventory-entry.ts';
import { type BaselineChange, classifyPlanDrift, type ObservedInstance } from './classify-plan-drift.ts';

const arn = (name: string, n = 1) => `arn:test:${name}#${n}`;
const key = (name: string) => `lattice:net/Service/${name}`;

const entry = (name: string, provider: 'lattice' | 'appmesh' = 'lattice'): InventoryEntry => ({
  ...(provider === 'lattice'
    ? { provider, kind: 'Service' as const }
    : { provider, kind: 'VirtualService' as const }),
  targetId: 't',
  key: key(name),
  arn: arn(name),
  version: 1,
  specHash: 'h',
  lastAppliedSpec: {},
  sourceRevision: 'rev-1',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

const observed = (name: string, n = 1, over: Partial<ObservedInstance> = {}): ObservedInstance => ({
  key: key(name),
  arn: arn(name, n),
  ...over,
});

const change = (
  name: string,
  action: BaselineChange['action'],
  reason: string,
  over: Partial<BaselineChange> = {},
): BaselineChange => ({ action, reason, key: key(name), kind: 'Service', name, wave: 1, diff: [], ...over });

const classify = (
  changes: BaselineChange[],
  seen: ObservedInstance[] = [],
  inventory: InventoryEntry[] = [],
  over: Partial<Parameters<typeof classifyPlanDrift>[0]> = {},
) =>
  classifyPlanDrift({
    changes,
    observed: seen,
    inventory,
    targetId: 't',
    identity: (r) => ({ key: r.key, provider: 'lattice', kind: 'Service', name: r.key.split('/').pop()! }),
    ...over,
  }).map((i) => [i.name, i.state, i.reason]);

const diff = [{ path: 'port', expected: 80, actual: 81 }];

describe('classifyPlanDrift', () => {
  it('reads each planned action as a drift state', () => {
    const items = classify(
      [
        change('same', 'unchanged', 'in-sync', { desired: {}, observed: observed('same') }),
        change('gone', 'create', 'deleted-out-of-band', { desired: {} }),
        change('edited', 'update', 'drifted', { desired: {}, observed: observed('edited'), diff }),
        change('old', 'delete', 'removed-from-git', { observed: observed('old') }),
        change('copy', 'delete', 'removed-from-git', { observed: observed('copy') }),
      ],
      [observed('same'), observed('edited'), observed('old'), observed('copy'), observed('theirs')],
      [entry('same'), entry('gone'), entry('edited'), entry('old')],
    );
    expect(items).toEqual([
      ['copy', 'Unmanaged', 'tagged-not-recorded'],
      ['edited', 'Modified', 'spec-changed'],
      ['gone', 'Missing', undefined],
      ['old', 'Unmanaged', 'removed-from-git'],
      ['same', 'InSync', undefined],
      ['theirs', 'Unmanaged', 'not-in-git'],
    ]);
  });

  it('reports a delete-and-create under one key once, as the change the create makes', () => {
    const items = classifyPlanDrift({
      changes: [
        change('r', 'delete', 'tainted-by-listener-change', { observed: observed('r') }),
        change('r', 'create', 'replaced', { desired: {}, diff }),
      ],
      observed: [observed('r')],
      inventory: [entry('r')],
      identity: (r) => ({ key: r.key, provider: 'appmesh', kind: 'Route', name: 'r' }),
    });
    expect(items).toEqual([
      expect.objectContaining({
        state: 'Modified',
        reason: 'spec-changed',
        differences: diff,
        arn: arn('r'),
      }),
    ]);
  });

  it('tells a stranger in place of the recorded resource from one meshcd never recorded', () => {
    const items = classify(
      [
        change('swapped', 'update', 'adopt', { desired: {}, observed: observed('swapped', 2), diff }),
        change('found', 'update', 'adopt', { desired: {}, observed: observed('found'), diff }),
        change('taken', 'skip', 'unowned-conflict', { desired: {}, observed: observed('taken', 2) }),
        change('squat', 'skip', 'unowned-conflict', { desired: {}, observed: observed('squat') }),
      ],
      [],
      [entry('swapped'), entry('taken')],
    );
    expect(items).toEqual([
      ['found', 'Modified', 'spec-changed'],
      ['squat', 'Unmanaged', 'not-in-git'],
      ['swapped', 'Modified', 'replaced'],
      ['taken', 'Modified', 'replaced'],
    ]);
  });

  it("compares another account's resource, unless a stranger replaced the one meshcd recorded", () => {
    const items = classify(
      [
        change('shared', 'skip', 'foreign-owner', { desired: {}, observed: observed('shared'), diff }),
        change('moved', 'skip', 'foreign-owner', { desired: {}, observed: observed('moved', 2) }),
        change('ours', 'skip', 'foreign-owner', {
          desired: {},
          observed: observed('ours', 2, { tags: { 'meshcd:target': 't' } }),
        }),
      ],
      [],
      [entry('shared', 'appmesh'), entry('moved', 'appmesh'), entry('ours', 'appmesh')],
      { differences: (c) => (c.name === 'shared' ? diff : []) },
    );
    expect(items).toEqual([
      ['moved', 'Modified', 'replaced'],
      ['ours', 'InSync', undefined],
      ['shared', 'Modified', 'spec-changed'],
    ]);
  });

  it('calls a resource in sync when every difference is ignored, and leaves containers nobody wants out', () => {
    const items = classify(
      [
        change('edited', 'update', 'spec-changed', { desired: {}, observed: observed('edited'), diff }),
        change('net', 'delete', 'removed-from-git', { observed: observed('net') }),
      ],
      [observed('edited'), observed('net'), observed('other-net')],
      [entry('edited'), entry('net')],
      { differences: () => [], container: () => true },
    );
    expect(items).toEqual([['edited', 'InSync', undefined]]);
  });
});
