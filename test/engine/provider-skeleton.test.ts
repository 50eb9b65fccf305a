import { defaultTargetPolicy, type Target } from '@meshcd/core';
import { MemoryStateStore } from '@meshcd/state';
import { describe, expect, it } from 'vitest';
import { node, SHOP } from '../../packages/core/src/lattice/lattice-test-set.ts';
import { type Change, type ChangeSet, summarise } from '../../packages/core/src/provider/change.ts';
import type { Provider } from '../../packages/core/src/provider/provider.ts';
import { runWaves } from '../../packages/core/src/provider/run-waves.ts';
import { reconcileWith } from '../../packages/core/src/reconcile-with.ts';

/**
 * A provider made of its parts only (a kind table, a converter, an observer, a plan and a writer), with a
 * map standing in for its service: the skeleton gives it loading, refusing, planning modes and the record.
 */
interface Thing {
  key: string;
  kind: 'Thing';
  name: string;
}
type ThingChange = Change & { name: string };

function toyProvider(cloud: Map<string, Thing>, calls: string[]) {
  const provider: Provider<'Thing', Thing, Thing[], ThingChange, ChangeSet<ThingChange>> = {
    name: 'lattice',
    kinds: { Thing: { nameMember: 'name', wave: 0, deleteWave: 1, serviceFilled: [] } },
    injects: false,
    convert: (desired) => {
      calls.push('convert');
      return desired.meshResources
        .filter((r) => r.kind === 'VirtualNode')
        .map((r) => ({ key: `lattice:toy/Thing/${r.name}`, kind: 'Thing', name: r.name }));
    },
    observe: async () => {
      calls.push('observe');
      return [...cloud.values()];
    },
    plan: ({ desired, observed }) => {
      calls.push('plan');
      const there = new Set(observed.map((o) => o.key));
      const wanted = new Set(desired.map((d) => d.key));
      const changes: ThingChange[] = [
        ...desired.map((d) => ({
          action: there.has(d.key) ? ('unchanged' as const) : ('create' as const),
          reason: there.has(d.key) ? 'in-sync' : 'not-found',
          key: d.key,
          name: d.name,
          wave: 0,
        })),
        ...observed
          .filter((o) => !wanted.has(o.key))
          .map((o) => ({
            action: 'delete' as const,
            reason: 'removed-from-git',
            key: o.key,
            name: o.name,
            wave: 1,
          })),
      ];
      return { targetId: 't', changes, blockers: [], forget: [], summary: summarise(changes) };
    },
    apply: (plan) => {
      calls.push('apply');
      let writes = 0;
      return runWaves(plan.changes, {
        get writes() {
          return writes;
        },
        async write(c) {
          if (c.action === 'unchanged') return;
          writes++;
          if (c.action === 'delete') cloud.delete(c.key);
          else cloud.set(c.key, { key: c.key, kind: 'Thing', name: c.name });
        },
      });
    },
  };
  return provider;
}

const target: Target = {
  id: 't',
  source: { repository: 'http://127.0.0.1/none.git', branch: 'main', path: '.' },
  accountId: '111122223333',
  region: 'us-west-2',
  provider: 'lattice',
  policy: { ...defaultTargetPolicy },
};

const run = (
  files: string,
  mode: 'plan' | 'apply',
  provider: () => ReturnType<typeof toyProvider>,
  state = new MemoryStateStore(),
) =>
  reconcileWith(
    {
      target,
      revision: 'rev-1',
      files: [{ path: 'shop.yaml', content: files }],
      mode,
      state,
      namespaceLabels: () => undefined,
      runId: `run-${mode}`,
      now: () => new Date('2026-01-01T00:00:00Z'),
    },
    provider,
  ).then((result) => ({ result, state }));

describe('the reconcile skeleton', () => {
  it("runs any provider's translate, observe, plan and write in order, and records the run", async () => {
    const cloud = new Map<string, Thing>([
      ['lattice:toy/Thing/old', { key: 'lattice:toy/Thing/old', kind: 'Thing', name: 'old' }],
    ]);
    const calls: string[] = [];
    const { result, state } = await run(SHOP + node('blue'), 'apply', () => toyProvider(cloud, calls));
    expect(calls).toEqual(['convert', 'observe', 'plan', 'apply']);
    expect(result.status).toBe('succeeded');
    expect([...cloud.keys()]).toEqual(['lattice:toy/Thing/blue_shop']);
    expect((await state.listRuns('t'))[0]).toMatchObject({
      outcome: 'succeeded',
      summary: { create: 1, delete: 1 },
    });
  });

  it('writes nothing in plan mode and says changes are pending', async () => {
    const cloud = new Map<string, Thing>();
    const calls: string[] = [];
    const { result } = await run(SHOP + node('blue'), 'plan', () => toyProvider(cloud, calls));
    expect(result.status).toBe('changes');
    expect(calls).not.toContain('apply');
    expect(cloud.size).toBe(0);
  });

  it('refuses invalid manifests before the provider observes anything', async () => {
    const calls: string[] = [];
    const { result } = await run(`${SHOP}---\nkind: VirtualNode\n`, 'apply', () =>
      toyProvider(new Map(), calls),
    );
    expect(result.status).toBe('refused');
    expect(calls).toEqual([]);
  });

  it('records a failed run when the provider cannot serve the target, and throws', async () => {
    const state = new MemoryStateStore();
    const refuse = () => {
      throw new Error('no options for this target');
    };
    await expect(run(SHOP, 'apply', refuse, state)).rejects.toThrow('no options for this target');
    expect(await state.listRuns('t')).toEqual([
      expect.objectContaining({
        outcome: 'failed',
        errors: [expect.objectContaining({ reason: 'unexpected' })],
      }),
    ]);
  });
});
