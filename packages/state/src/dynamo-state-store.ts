import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type {
  DriftRecord,
  InventoryEntry,
  RevisionRequest,
  RunRecord,
  Target,
  TargetLease,
} from '@meshcd/core';
import type { AcquireOptions, LeaseAcquisition, LeaseRelease, LeaseSettlement } from '@meshcd/core/ports';
import { DynamoDeliveryLog } from './dynamo-delivery-log.ts';
import { DynamoDriftLog } from './dynamo-drift-log.ts';
import { DynamoInventoryStore } from './dynamo-inventory-store.ts';
import { DynamoLeaseStore } from './dynamo-lease-store.ts';
import { DynamoRunLog } from './dynamo-run-log.ts';
import { DynamoTable } from './dynamo-table.ts';
import { DynamoTargetRegistry } from './dynamo-target-registry.ts';
import type { MeshcdStateStore, UnreadableTargetRecord } from './target-registry.ts';

export interface DynamoStateStoreOptions {
  client: DynamoDBClient | DynamoDBDocumentClient;
  tableName: string;
  /** How long run history is kept before DynamoDB's TTL removes it. Default 90 days. */
  runRetentionDays?: number;
  /** Compare-and-set attempts on a contended lease before giving up (retryable). Default 50. */
  maxLeaseAttempts?: number;
}

/**
 * The StateStore on one DynamoDB table. Every write is a single-item conditional write (no
 * transactions: dynalite lacks them, and one item per decision is all the lease needs). Each of the
 * port's small interfaces has its own class on the shared table; this one hands every call to its part.
 */
export class DynamoStateStore implements MeshcdStateStore {
  private readonly targets: DynamoTargetRegistry;
  private readonly inventory: DynamoInventoryStore;
  private readonly runs: DynamoRunLog;
  private readonly leases: DynamoLeaseStore;
  private readonly deliveries: DynamoDeliveryLog;
  private readonly drift: DynamoDriftLog;

  constructor(options: DynamoStateStoreOptions) {
    const table = new DynamoTable(options.client, options.tableName);
    const retentionSeconds = (options.runRetentionDays ?? 90) * 86_400;
    this.targets = new DynamoTargetRegistry(table);
    this.inventory = new DynamoInventoryStore(table);
    this.runs = new DynamoRunLog(table, retentionSeconds);
    this.leases = new DynamoLeaseStore(table, options.maxLeaseAttempts ?? 50);
    this.deliveries = new DynamoDeliveryLog(table);
    this.drift = new DynamoDriftLog(table, retentionSeconds);
  }

  putTarget(target: Target): Promise<void> {
    return this.targets.putTarget(target);
  }

  getTarget(targetId: string): Promise<Target | undefined> {
    return this.targets.getTarget(targetId);
  }

  listTargets(): Promise<Array<Target | UnreadableTargetRecord>> {
    return this.targets.listTargets();
  }

  listInventory(targetId: string): Promise<InventoryEntry[]> {
    return this.inventory.listInventory(targetId);
  }

  getInventory(targetId: string, key: string): Promise<InventoryEntry | undefined> {
    return this.inventory.getInventory(targetId, key);
  }

  putInventory(entry: InventoryEntry): Promise<void> {
    return this.inventory.putInventory(entry);
  }

  deleteInventory(targetId: string, key: string): Promise<void> {
    return this.inventory.deleteInventory(targetId, key);
  }

  recordRun(run: RunRecord): Promise<void> {
    return this.runs.recordRun(run);
  }

  listRuns(targetId: string, limit?: number): Promise<RunRecord[]> {
    return this.runs.listRuns(targetId, limit);
  }

  acquireLease(
    targetId: string,
    holder: string,
    request: RevisionRequest | undefined,
    now: number,
    ttlMs: number,
    options?: AcquireOptions,
  ): Promise<LeaseAcquisition> {
    return this.leases.acquireLease(targetId, holder, request, now, ttlMs, options);
  }

  renewLease(targetId: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
    return this.leases.renewLease(targetId, holder, now, ttlMs);
  }

  completeLease(targetId: string, holder: string, applied: RevisionRequest): Promise<LeaseSettlement> {
    return this.leases.completeLease(targetId, holder, applied);
  }

  failLease(targetId: string, holder: string, failed: RevisionRequest): Promise<LeaseSettlement> {
    return this.leases.failLease(targetId, holder, failed);
  }

  releaseLease(targetId: string, holder: string): Promise<LeaseRelease> {
    return this.leases.releaseLease(targetId, holder);
  }

  getLease(targetId: string): Promise<TargetLease | undefined> {
    return this.leases.getLease(targetId);
  }

  markDelivery(deliveryId: string, now: number, ttlSeconds: number): Promise<boolean> {
    return this.deliveries.markDelivery(deliveryId, now, ttlSeconds);
  }

  seenDelivery(deliveryId: string, now: number): Promise<boolean> {
    return this.deliveries.seenDelivery(deliveryId, now);
  }

  putDriftReport(record: DriftRecord): Promise<void> {
    return this.drift.putDriftReport(record);
  }

  getLastDriftReport(targetId: string): Promise<DriftRecord | undefined> {
    return this.drift.getLastDriftReport(targetId);
  }

  listDriftHistory(targetId: string, limit?: number): Promise<DriftRecord[]> {
    return this.drift.listDriftHistory(targetId, limit);
  }
}

/** Factory form of `new DynamoStateStore(options)`. */
export const createDynamoStateStore = (options: DynamoStateStoreOptions): DynamoStateStore =>
  new DynamoStateStore(options);
