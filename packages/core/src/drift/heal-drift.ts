import { applyPlan } from '../apply/apply-plan.ts';
import type { ApplyResult } from '../apply/change-outcome.ts';
import { parseMeshKey } from '../appmesh/appmesh-key.ts';
import { waveOf } from '../appmesh/appmesh-kinds.ts';
import type { DesiredMeshResource } from '../desired/desired-state.ts';
import type { Plan, PlanAction, PlannedChange } from '../plan/plan-types.ts';
import type { MeshApi } from '../ports/mesh-api.ts';
import { summarise } from '../provider/change.ts';
import type { InventoryEntry } from '../state/inventory-entry.ts';
import type { StateStore } from '../state/state-store.ts';
import type { Target } from '../target.ts';
import type { DriftItem } from './drift-item.ts';

interface HealDriftInput {
  target: Target;
  items: readonly DriftItem[];
  inventory: readonly InventoryEntry[];
  mesh: MeshApi;
  state: StateStore;
  /** The revision the inventory's specs came from (recorded again on the healed entries). */
  revision: string;
  runId: string;
  now: () => Date;
}

/** The items self-heal acts on: changed specs and deleted resources meshcd created. */
export const healable = (item: DriftItem): boolean =>
  item.provider === 'appmesh' &&
  ((item.state === 'Modified' && item.reason === 'spec-changed') || item.state === 'Missing');

/**
 * Self-heal: restores what meshcd last applied, from the inventory's last-applied specs, through the
 * apply step (waves, client tokens, inventory records). The inventory holds exactly the specs of the last
 * applied revision, so this re-applies that revision without fetching it from Git again; a resource
 * someone replaced (another ARN) or left unmanaged is never touched, as meshcd only writes what it owns.
 */
export async function healDrift(input: HealDriftInput): Promise<ApplyResult | undefined> {
  const entries = new Map(input.inventory.map((e) => [e.key, e]));
  const changes: PlannedChange[] = [];
  for (const item of input.items.filter(healable)) {
    const entry = entries.get(item.key);
    const id = parseMeshKey(item.key);
    if (!entry || !id) continue;
    const action: PlanAction = item.state === 'Missing' ? 'create' : 'update';
    const meshOwner = id.kind === 'Mesh' ? undefined : input.target.meshOwner;
    const desired = {
      ...id,
      meshOwner: meshOwner || undefined,
      spec: entry.lastAppliedSpec,
      // Not from a manifest: the location says where the spec came from instead.
      source: {
        ref: { apiVersion: 'appmesh.k8s.aws/v1beta2', kind: id.kind, name: id.name },
        location: { file: `inventory@${entry.sourceRevision}`, line: 1, column: 1 },
      },
      dependsOn: [],
    } as DesiredMeshResource;
    changes.push({
      action,
      reason: item.state === 'Missing' ? 'deleted-out-of-band' : 'drifted',
      kind: id.kind,
      key: item.key,
      meshName: id.meshName,
      name: id.name,
      wave: waveOf(id.kind, action),
      desired,
      diff: item.differences ?? [],
    });
  }
  if (changes.length === 0) return undefined;
  const plan: Plan = {
    targetId: input.target.id,
    changes,
    blockers: [],
    forget: [],
    summary: summarise(changes),
  };
  return applyPlan(plan, {
    targetId: input.target.id,
    revision: input.revision,
    runId: input.runId,
    api: input.mesh,
    store: input.state,
    now: input.now,
  });
}
