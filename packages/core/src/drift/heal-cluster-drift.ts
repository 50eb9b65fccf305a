import { applyInjection } from '../cluster/apply-injection.ts';
import { gitFieldManager, injectorFieldManager } from '../cluster/cluster-ownership.ts';
import { applyWave, injectionWave } from '../cluster/kube-order.ts';
import { specHash } from '../plan/spec-hash.ts';
import type { ClusterApi } from '../ports/cluster-api.ts';
import type { Change, ChangeOutcome, OutcomeError } from '../provider/change.ts';
import { runWaves } from '../provider/run-waves.ts';
import type { Writer } from '../provider/writer.ts';
import type { InventoryEntry } from '../state/inventory-entry.ts';
import type { InventoryStore } from '../state/state-store.ts';
import type { DriftItem } from './drift-item.ts';
import { injectionItemKey, type KubeInjectionCheck } from './kube-drift.ts';

interface HealClusterDriftInput {
  targetId: string;
  items: readonly DriftItem[];
  /** The target's inventory: the last-applied objects. */
  inventory: readonly InventoryEntry[];
  /** The injections as observed, with the body the injector would apply now. */
  injections: readonly KubeInjectionCheck[];
  cluster: ClusterApi;
  state: InventoryStore;
  now: () => Date;
}

type ClusterHealStatus = 'done' | 'failed';

interface ClusterHealOutcome {
  key: string;
  subject: 'object' | 'injection';
  status: ClusterHealStatus;
  error?: OutcomeError;
}

export interface ClusterHealResult {
  outcomes: ClusterHealOutcome[];
}

/** The cluster items self-heal acts on: changed or deleted objects meshcd applied, and edited injections. */
export const kubeHealable = (item: DriftItem): boolean =>
  item.provider === 'kube' &&
  ((item.state === 'Modified' && (item.reason === 'spec-changed' || item.reason === 'injection-changed')) ||
    (item.state === 'Missing' && item.subject !== 'injection'));

/** One re-apply: the body meshcd last applied, under the field manager that applied it. */
interface HealChange extends Change {
  subject: ClusterHealOutcome['subject'];
  body: Record<string, unknown>;
  fieldManager: string;
  entry?: InventoryEntry;
}

/** The re-applies of the healable items: objects from the inventory, injections as the injector would apply them now. */
function healChanges(input: HealClusterDriftInput): HealChange[] {
  const entries = new Map(input.inventory.map((e) => [e.key, e]));
  const injections = new Map(input.injections.map((c) => [injectionItemKey(c.workloadKey), c]));
  const changes: HealChange[] = [];
  for (const item of input.items.filter(kubeHealable)) {
    const base = { action: 'update' as const, key: item.key };
    if (item.subject === 'injection') {
      const check = injections.get(item.key);
      if (check) {
        const fieldManager = injectorFieldManager;
        changes.push({
          ...base,
          reason: 'injection-changed',
          subject: 'injection',
          wave: injectionWave,
          body: check.expected,
          fieldManager,
        });
      }
      continue;
    }
    const entry = entries.get(item.key);
    if (!entry?.lastAppliedSpec) continue;
    const body = entry.lastAppliedSpec as Record<string, unknown>;
    const reason = item.state === 'Missing' ? 'deleted-out-of-band' : 'drifted';
    changes.push({
      ...base,
      reason,
      subject: 'object',
      wave: applyWave(item.kind),
      body,
      fieldManager: gitFieldManager,
      entry,
    });
  }
  return changes;
}

/** Heal's writer: the server-side apply, and the same last-applied entry at the version the API server now holds. */
function healWriter(input: HealClusterDriftInput): Writer<HealChange> {
  let writes = 0;
  return {
    get writes() {
      return writes;
    },
    async write(change) {
      writes++;
      if (change.subject === 'injection') {
        await applyInjection(input.cluster, change.body);
        return;
      }
      const live = await input.cluster.apply(change.body, { fieldManager: change.fieldManager });
      if (!change.entry) return;
      const metadata = live.metadata as { uid?: string; resourceVersion?: string };
      await input.state.putInventory({
        ...change.entry,
        // Spread, not `uid: metadata.uid`: an answer without a uid must not clear the one the entry holds.
        ...(metadata.uid ? { uid: metadata.uid } : {}),
        version: metadata.resourceVersion ?? '',
        specHash: specHash(change.body),
        updatedAt: input.now().toISOString(),
      });
    },
  };
}

/**
 * Cluster self-heal: re-applies what meshcd last applied, by server-side apply under the field manager
 * that applied it (meshcd for Git objects, meshcd-injector for injections), so the fields taken back are
 * exactly meshcd's and another manager's fields stay theirs. The wave runner puts objects in apply order
 * and injections after them (a re-created workload first, then its sidecar). Unmanaged objects are never
 * touched.
 */
export async function healClusterDrift(input: HealClusterDriftInput): Promise<ClusterHealResult | undefined> {
  const changes = healChanges(input);
  if (changes.length === 0) return undefined;
  const subjectOf = new Map<ChangeOutcome, HealChange>();
  const result = await runWaves(changes, healWriter(input), {
    onOutcome: ({ change, outcome }) => subjectOf.set(outcome, change),
  });
  const order = (o: ChangeOutcome) => {
    const c = subjectOf.get(o)!;
    return c.wave * changes.length + changes.indexOf(c);
  };
  return {
    outcomes: result.outcomes
      .sort((a, b) => order(a) - order(b))
      .map((o) => ({
        key: o.key,
        subject: subjectOf.get(o)!.subject,
        status: o.status === 'done' ? 'done' : 'failed',
        error: o.error || undefined,
      })),
  };
}
