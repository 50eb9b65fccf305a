import { describe, expect, it } from 'vitest';
import { summarise } from '../provider/change.ts';
import { classifyLatticeDrift } from './classify-lattice-drift.ts';
import type { LatticePlan, LatticePlannedChange } from './lattice-plan-types.ts';

const change = (key: string, kind: LatticePlannedChange['kind'], name: string): LatticePlannedChange =>
  ({
    action: 'create',
    reason: 'not-found',
    key,
    kind,
    name,
    wave: 1,
    diff: [],
  }) as unknown as LatticePlannedChange;

const plan = (changes: LatticePlannedChange[]): LatticePlan =>
  ({
    targetId: 't',
    changes,
    blockers: [],
    forget: [],
    summary: summarise(changes),
  }) as unknown as LatticePlan;

describe('classifyLatticeDrift', () => {
  it('places a missing resource under its parents, an auth policy under its holder once', () => {
    const items = classifyLatticeDrift({
      plan: plan([
        change('lattice:Service/color/AuthPolicy', 'AuthPolicy', 'color'),
        change('lattice:ServiceNetwork/demo/AuthPolicy', 'AuthPolicy', 'demo'),
        change('lattice:Service/color/Listener/http-80/Rule/blue', 'Rule', 'blue'),
        change('lattice:Service/color', 'Service', 'color'),
      ]),
      observed: [],
      inventory: [],
    });
    expect(items.map((i) => [i.key, i.state, i.parentName])).toEqual([
      ['lattice:Service/color', 'Missing', undefined],
      ['lattice:Service/color/AuthPolicy', 'Missing', 'service color'],
      ['lattice:Service/color/Listener/http-80/Rule/blue', 'Missing', 'service color, listener http-80'],
      ['lattice:ServiceNetwork/demo/AuthPolicy', 'Missing', 'service network demo'],
    ]);
  });
});
