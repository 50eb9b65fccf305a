import { type DetectDriftResult, lastAppliedRevision } from '../drift/detect-mesh-drift.ts';
import { driftVerdict } from '../drift/drift-verdict.ts';
import { defaultQuotaThresholds } from '../drift/quota-report.ts';
import type { ClusterApi } from '../ports/cluster-api.ts';
import type { LatticeApi } from '../ports/lattice-api.ts';
import { summarise } from '../provider/change.ts';
import { entriesOf } from '../state/inventory-entry.ts';
import type { StateStore } from '../state/state-store.ts';
import type { Target } from '../target.ts';
import { classifyLatticeDrift } from './classify-lattice-drift.ts';
import { expectedLatticeFromInventory } from './expected-lattice.ts';
import type { LatticePlan } from './lattice-plan-types.ts';
import { latticeProvider } from './lattice-provider.ts';
import type { DesiredLatticeResource } from './lattice-resource.ts';

export interface DetectLatticeDriftInput {
  target: Target;
  lattice: LatticeApi;
  state: StateStore;
  /** What Git wants (a manifest tree translated); default: what meshcd last applied. */
  desired?: readonly DesiredLatticeResource[];
  /** The revision `desired` comes from; default: the last applied one. */
  revision?: string;
  /** The cluster: the pods a re-created target group starts with. */
  cluster?: ClusterApi;
  /** Record the report as the target's latest (and in its history). Default true. */
  record?: boolean;
  /** Re-apply what meshcd last applied over drift. Default: the target's selfHeal policy. */
  heal?: boolean;
  runId: string;
  now: () => Date;
}

/**
 * The drift recipe for a `lattice` target, the sibling of detectMeshDrift: observe (List with tags, Get only
 * what changed) → plan against what meshcd last applied → classify the plan → decide what to announce →
 * record → self-heal. Self-heal re-creates what was deleted and restores changed fields through the
 * Lattice writer; it never deletes, and never touches what meshcd does not own.
 */
export async function detectLatticeDrift(input: DetectLatticeDriftInput): Promise<DetectDriftResult> {
  const detectedAt = input.now().toISOString();
  const { target } = input;
  const last = await input.state.getLastDriftReport(target.id);
  // expected: the translated tree, or the inventory's last-applied specs
  const inventory = (await input.state.listInventory(target.id)).filter((e) => e.key.startsWith('lattice'));
  const resources = entriesOf(inventory, 'lattice');
  const expected = input.desired ?? expectedLatticeFromInventory(inventory);
  const revision = input.revision ?? (await lastAppliedRevision(input.state, target.id, resources));
  // observe + plan against the baseline, as reconcile does: the plan's changes are the drift; its guards
  // and quotas are the apply's business
  const provider = latticeProvider({
    target,
    lattice: input.lattice,
    ...(input.cluster ? { cluster: input.cluster } : {}),
  });
  const observed = await provider.observe(expected, resources);
  const plan = provider.plan({
    desired: [...expected],
    observed,
    inventory: resources,
    policy: { ...target.policy, adopt: false, prune: true },
    allowPrune: true,
  });
  const items = classifyLatticeDrift({ plan, observed: observed.resources, inventory: resources });
  // decide: announce only what changed since the last report
  const { summary, changed, emissions, record } = driftVerdict({
    target,
    runId: input.runId,
    ...(revision ? { revision } : {}),
    detectedAt,
    items,
    quotas: [],
    thresholds: defaultQuotaThresholds,
    ...(last ? { last } : {}),
    scope: 'full',
  });
  if (input.record ?? true) await input.state.putDriftReport(record);
  // heal: only over what meshcd last applied; with a manifest tree, applying it is the way to converge
  const heal = (input.heal ?? target.policy.selfHeal) && !input.desired;
  const healing = heal ? healPlan(plan) : undefined;
  // heal: the provider's write, as an apply's
  const healed = healing
    ? await provider.apply(healing, {
        revision: revision ?? 'last-applied',
        runId: `${input.runId}-heal`,
        store: input.state,
        now: input.now,
        inventory: resources,
      })
    : undefined;
  // no quota lines or topology of App Mesh's: Lattice's quotas are the plan's pre-check
  return {
    items,
    summary,
    quotas: [],
    resources: [],
    ...(revision ? { revision } : {}),
    changedSinceLastReport: changed,
    emit: emissions,
    record,
    ...(healed ? { healed } : {}),
  };
}

/**
 * The plan self-heal applies: re-creates and restores only; what is in sync stays in it so the writer
 * knows the ids of what the restored resources reference. Undefined when there is nothing to heal.
 */
function healPlan(plan: LatticePlan): LatticePlan | undefined {
  const changes = plan.changes.filter(
    (c) =>
      c.action === 'unchanged' ||
      (c.action === 'create' && c.reason !== 'replaced') ||
      (c.action === 'update' && (c.reason === 'drifted' || c.reason === 'spec-changed')),
  );
  if (!changes.some((c) => c.action !== 'unchanged')) return undefined;
  return { targetId: plan.targetId, changes, blockers: [], forget: [], summary: summarise(changes) };
}
