import { gitFieldManager, injectorFieldManager } from '../cluster/cluster-ownership.ts';
import { applyWave, injectionWave } from '../cluster/kube-order.ts';
import { specHash } from '../plan/spec-hash.ts';
import type { ClusterApi } from '../ports/cluster-api.ts';
import type { InventoryEntry } from '../state/inventory-entry.ts';
import type { StateStore } from '../state/state-store.ts';
import type { DriftItem } from './drift-item.ts';
import { injectionItemKey, type KubeInjectionCheck } from './kube-drift.ts';

export interface HealClusterDriftInput {
  targetId: string;
  items: readonly DriftItem[];
  /** The target's inventory: the last-applied objects. */
  inventory: readonly InventoryEntry[];
  /** The injections as observed, with the body the injector would apply now. */
  injections: readonly KubeInjectionCheck[];
  cluster: ClusterApi;
  state: StateStore;
  now: () => Date;
}

export type ClusterHealStatus = 'done' | 'failed';

export interface ClusterHealOutcome {
  key: string;
  subject: 'object' | 'injection';
  status: ClusterHealStatus;
  error?: { reason: string; message: string; retryable: boolean };
}

export interface ClusterHealResult {
  outcomes: ClusterHealOutcome[];
}

/** The cluster items self-heal acts on: changed or deleted objects meshcd applied, and edited injections. */
export const kubeHealable = (item: DriftItem): boolean =>
  item.provider === 'kube' &&
  ((item.state === 'Modified' && (item.reason === 'spec-changed' || item.reason === 'injection-changed')) ||
    (item.state === 'Missing' && item.subject !== 'injection'));

const describeError = (error: unknown) => {
  const e = error as { name?: string; message?: string; retryable?: boolean; reason?: string };
  return {
    reason: e.reason ?? e.name ?? 'Error',
    message: e.message ?? String(error),
    retryable: e.retryable ?? false,
  };
};

interface HealStep {
  key: string;
  subject: ClusterHealOutcome['subject'];
  wave: number;
  body: Record<string, unknown>;
  fieldManager: string;
  entry?: InventoryEntry;
}

/**
 * Cluster self-heal: re-applies what meshcd last applied, by server-side apply under the field manager
 * that applied it (meshcd for Git objects, meshcd-injector for injections), so the fields taken back are
 * exactly meshcd's and another manager's fields stay theirs. Objects go in apply order, injections after
 * them (a re-created workload first, then its sidecar). Unmanaged objects are never touched.
 */
export async function healClusterDrift(input: HealClusterDriftInput): Promise<ClusterHealResult | undefined> {
  const entries = new Map(input.inventory.map((e) => [e.key, e]));
  const injections = new Map(input.injections.map((c) => [injectionItemKey(c.workloadKey), c]));
  const steps: HealStep[] = [];
  for (const item of input.items.filter(kubeHealable)) {
    if (item.subject === 'injection') {
      const check = injections.get(item.key);
      if (check) {
        const common = { key: item.key, subject: 'injection' as const, wave: injectionWave };
        steps.push({ ...common, body: check.expected, fieldManager: injectorFieldManager });
      }
      continue;
    }
    const entry = entries.get(item.key);
    if (!entry?.lastAppliedSpec) continue;
    const body = entry.lastAppliedSpec as Record<string, unknown>;
    steps.push({
      key: item.key,
      subject: 'object',
      wave: applyWave(item.kind),
      body,
      fieldManager: gitFieldManager,
      entry,
    });
  }
  if (steps.length === 0) return undefined;
  const outcomes: ClusterHealOutcome[] = [];
  for (const wave of [...new Set(steps.map((s) => s.wave))].sort((a, b) => a - b)) {
    const batch = steps.filter((s) => s.wave === wave);
    outcomes.push(...(await Promise.all(batch.map((s) => heal(s, input)))));
  }
  return { outcomes };
}

async function heal(step: HealStep, input: HealClusterDriftInput): Promise<ClusterHealOutcome> {
  const base = { key: step.key, subject: step.subject };
  try {
    const live = await input.cluster.apply(step.body, { fieldManager: step.fieldManager });
    if (step.entry) {
      // The same last-applied object, at the version the API server now holds.
      const metadata = live.metadata as { uid?: string; resourceVersion?: string };
      await input.state.putInventory({
        ...step.entry,
        ...(metadata.uid ? { uid: metadata.uid } : {}),
        version: metadata.resourceVersion ?? '',
        specHash: specHash(step.body),
        updatedAt: input.now().toISOString(),
      });
    }
    return { ...base, status: 'done' };
  } catch (error) {
    return { ...base, status: 'failed', error: describeError(error) };
  }
}
