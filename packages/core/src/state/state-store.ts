import type { DriftRecord } from './drift-record.ts';
import type { InventoryEntry } from './inventory-entry.ts';
import type { RunRecord } from './run-record.ts';
import type {
  AcquireOptions,
  LeaseAcquisition,
  LeaseRelease,
  LeaseSettlement,
  RevisionRequest,
  TargetLease,
} from './target-lease.ts';

/** The inventory: what meshcd manages per target, with what it last applied. */
export interface InventoryStore {
  /** Every inventory entry of a target. */
  listInventory(targetId: string): Promise<InventoryEntry[]>;
  getInventory(targetId: string, key: string): Promise<InventoryEntry | undefined>;
  putInventory(entry: InventoryEntry): Promise<void>;
  deleteInventory(targetId: string, key: string): Promise<void>;
}

/** Run history. */
export interface RunLog {
  recordRun(run: RunRecord): Promise<void>;
  /** Newest first. */
  listRuns(targetId: string, limit?: number): Promise<RunRecord[]>;
}

/** One reconcile per target at a time, and the newest revision anyone asked for. */
export interface LeaseStore {
  /**
   * Records `request` as wanted if it is newer than what is wanted (raiseWanted), then takes the lease
   * for `holder` unless another holder's lease is still unexpired at `now` (epoch ms). Without a
   * request (a self-heal) wanted is left alone.
   */
  acquireLease(
    targetId: string,
    holder: string,
    request: RevisionRequest | undefined,
    now: number,
    ttlMs: number,
    options?: AcquireOptions,
  ): Promise<LeaseAcquisition>;
  /** Extends a held lease; false when `holder` no longer holds it (lost exclusivity: stop writing). */
  renewLease(targetId: string, holder: string, now: number, ttlMs: number): Promise<boolean>;
  /**
   * Records `applied` and releases the lease, but only if nothing newer than `applied` is wanted;
   * otherwise keeps the lease and returns the newer wanted revision to reconcile next.
   */
  completeLease(targetId: string, holder: string, applied: RevisionRequest): Promise<LeaseSettlement>;
  /**
   * Records `failed` as ended without being applied (refused, terminal error, partial apply) and leaves
   * `applied` alone; then, like completeLease, releases or hands back a newer wanted revision.
   */
  failLease(targetId: string, holder: string, failed: RevisionRequest): Promise<LeaseSettlement>;
  /**
   * Releases without recording an outcome (a transient failure the platform will retry, a self-heal),
   * answering the wanted revision nothing has settled so the caller can hand it on.
   */
  releaseLease(targetId: string, holder: string): Promise<LeaseRelease>;
  getLease(targetId: string): Promise<TargetLease | undefined>;
}

/** Delivery de-duplication. */
export interface DeliveryLog {
  /** True the first time a delivery id is seen (within `ttlSeconds`), false for a duplicate. */
  markDelivery(deliveryId: string, now: number, ttlSeconds: number): Promise<boolean>;
  /** True when `markDelivery` recorded the delivery id and the record has not expired at `now`. */
  seenDelivery(deliveryId: string, now: number): Promise<boolean>;
}

/** Drift reports: the latest per target and the history. */
export interface DriftLog {
  /** Records a drift check in the target's history and makes it the latest report. */
  putDriftReport(record: DriftRecord): Promise<void>;
  /** The latest drift report of a target, the baseline for "changed since the last report". */
  getLastDriftReport(targetId: string): Promise<DriftRecord | undefined>;
  /** Drift history, newest first. */
  listDriftHistory(targetId: string, limit?: number): Promise<DriftRecord[]>;
}

/**
 * The StateStore port: meshcd's memory, as small interfaces a step asks for only the part it uses.
 * Adapters: DynamoDB (packages/state) and an in-memory store for unit tests, each implementing all of
 * them. Every write is a single-item conditional write (dynalite has no transactions).
 */
export interface StateStore extends InventoryStore, RunLog, LeaseStore, DeliveryLog, DriftLog {}
