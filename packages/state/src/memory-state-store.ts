import type { DriftRecord, InventoryEntry, RunRecord, Target, TargetLease } from '@meshcd/core';
import type { LeaseTransition } from './lease-transitions.ts';
import type { MeshcdStateStore } from './target-registry.ts';
import { TransitionLeaseStore } from './transition-lease-store.ts';

/**
 * The StateStore in memory, for the engine's unit tests and plan-only runs. Same lease operations as
 * the DynamoDB store; values are deep-copied in and out so callers cannot mutate what is stored.
 */
export class MemoryStateStore extends TransitionLeaseStore implements MeshcdStateStore {
  private readonly targets = new Map<string, Target>();
  private readonly inventory = new Map<string, Map<string, InventoryEntry>>();
  private readonly runs = new Map<string, RunRecord[]>();
  private readonly leases = new Map<string, TargetLease>();
  /** target id → drift history, newest first */
  private readonly drift = new Map<string, DriftRecord[]>();
  private readonly latestDrift = new Map<string, DriftRecord>();
  /** delivery id → expiry in epoch seconds */
  private readonly deliveries = new Map<string, number>();

  async putTarget(target: Target): Promise<void> {
    this.targets.set(target.id, structuredClone(target));
  }

  async getTarget(targetId: string): Promise<Target | undefined> {
    return copy(this.targets.get(targetId));
  }

  async listTargets(): Promise<Target[]> {
    return [...this.targets.values()].sort((a, b) => a.id.localeCompare(b.id)).map((t) => structuredClone(t));
  }

  async listInventory(targetId: string): Promise<InventoryEntry[]> {
    const entries = [...(this.inventory.get(targetId)?.values() ?? [])];
    return entries
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((e) => structuredClone(e));
  }

  async getInventory(targetId: string, key: string): Promise<InventoryEntry | undefined> {
    return copy(this.inventory.get(targetId)?.get(key));
  }

  async putInventory(entry: InventoryEntry): Promise<void> {
    const entries = this.inventory.get(entry.targetId) ?? new Map<string, InventoryEntry>();
    this.inventory.set(entry.targetId, entries);
    entries.set(entry.key, structuredClone(entry));
  }

  async deleteInventory(targetId: string, key: string): Promise<void> {
    this.inventory.get(targetId)?.delete(key);
  }

  async recordRun(run: RunRecord): Promise<void> {
    const runs = (this.runs.get(run.targetId) ?? []).filter((r) => r.runId !== run.runId);
    runs.push(structuredClone(run));
    // Same order as the table's sort key: start time, then run id.
    runs.sort((a, b) => runSortKey(b).localeCompare(runSortKey(a)));
    this.runs.set(run.targetId, runs);
  }

  async listRuns(targetId: string, limit?: number): Promise<RunRecord[]> {
    const runs = this.runs.get(targetId) ?? [];
    return runs.slice(0, limit ?? runs.length).map((r) => structuredClone(r));
  }

  async getLease(targetId: string): Promise<TargetLease | undefined> {
    return copy(this.leases.get(targetId));
  }

  async markDelivery(deliveryId: string, now: number, ttlSeconds: number): Promise<boolean> {
    const nowSeconds = Math.floor(now / 1000);
    const expiresAt = this.deliveries.get(deliveryId);
    if (expiresAt !== undefined && expiresAt > nowSeconds) return false;
    this.deliveries.set(deliveryId, nowSeconds + ttlSeconds);
    return true;
  }

  async seenDelivery(deliveryId: string, now: number): Promise<boolean> {
    return (this.deliveries.get(deliveryId) ?? 0) > Math.floor(now / 1000);
  }

  async putDriftReport(record: DriftRecord): Promise<void> {
    const sortKey = (r: DriftRecord) => `${r.detectedAt}#${r.runId}`;
    const history = (this.drift.get(record.targetId) ?? []).filter((r) => sortKey(r) !== sortKey(record));
    history.push(structuredClone(record));
    history.sort((a, b) => sortKey(b).localeCompare(sortKey(a)));
    this.drift.set(record.targetId, history);
    // Like the table's LATEST item: the last report written, whatever its time.
    this.latestDrift.set(record.targetId, structuredClone(record));
  }

  async getLastDriftReport(targetId: string): Promise<DriftRecord | undefined> {
    return copy(this.latestDrift.get(targetId));
  }

  async listDriftHistory(targetId: string, limit?: number): Promise<DriftRecord[]> {
    const history = this.drift.get(targetId) ?? [];
    return history.slice(0, limit ?? history.length).map((r) => structuredClone(r));
  }

  protected async transition<A>(
    targetId: string,
    step: (lease: TargetLease | undefined) => LeaseTransition<A>,
  ): Promise<A> {
    const { next, answer } = step(copy(this.leases.get(targetId)));
    if (next) this.leases.set(targetId, structuredClone(next));
    return structuredClone(answer);
  }
}

const runSortKey = (run: RunRecord) => `${run.startedAt}#${run.runId}`;

const copy = <T>(value: T | undefined): T | undefined =>
  value === undefined ? undefined : structuredClone(value);
