import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import {
  type AcquireOptions,
  type DriftRecord,
  type InventoryEntry,
  type LeaseAcquisition,
  type LeaseRelease,
  type LeaseSettlement,
  MeshcdError,
  type RevisionRequest,
  type RunRecord,
  type Target,
  type TargetLease,
} from '@meshcd/core';
import { byKindIndex } from './create-state-table.ts';
import { decodeDriftRecord, encodeDriftRecord } from './drift-record-codec.ts';
import { decodeInventoryPayload, encodeInventoryPayload } from './inventory-payload.ts';
import { type LeaseItem, leaseFromItem, leaseToItem } from './lease-item.ts';
import { leaseLostError } from './lease-lost-error.ts';
import {
  acquireTransition,
  completeTransition,
  failTransition,
  type LeaseTransition,
  releaseTransition,
  renewTransition,
} from './lease-transitions.ts';
import { stateKeys } from './state-keys.ts';
import { isConditionalCheckFailure, storeError } from './store-error.ts';
import { targetRecord } from './target-record.ts';
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
 * transactions: dynalite lacks them, and one item per decision is all the lease needs).
 */
export class DynamoStateStore implements MeshcdStateStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly runRetentionSeconds: number;
  private readonly maxLeaseAttempts: number;

  constructor(options: DynamoStateStoreOptions) {
    this.doc =
      options.client instanceof DynamoDBClient
        ? DynamoDBDocumentClient.from(options.client, { marshallOptions: { removeUndefinedValues: true } })
        : options.client;
    this.tableName = options.tableName;
    this.runRetentionSeconds = (options.runRetentionDays ?? 90) * 86_400;
    this.maxLeaseAttempts = options.maxLeaseAttempts ?? 50;
  }

  async putTarget(target: Target): Promise<void> {
    await this.put('PutTarget', targetRecord(target));
  }

  async getTarget(targetId: string): Promise<Target | undefined> {
    const item = await this.get('GetTarget', stateKeys.targetPk(targetId), stateKeys.targetConfigSk);
    return item ? (JSON.parse(item.data as string) as Target) : undefined;
  }

  async listTargets(): Promise<Array<Target | UnreadableTargetRecord>> {
    const items = await this.queryAll('ListTargets', {
      IndexName: byKindIndex,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': stateKeys.targetsGsiPk },
    });
    return items.map((item) => {
      try {
        return JSON.parse(item.data as string) as Target;
      } catch (error) {
        const targetId = String(item.targetId ?? item.gsi1sk);
        return { unreadable: true, targetId, reason: `data is not JSON: ${(error as Error).message}` };
      }
    });
  }

  async listInventory(targetId: string): Promise<InventoryEntry[]> {
    const items = await this.queryAll('ListInventory', {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': stateKeys.targetPk(targetId),
        ':prefix': stateKeys.inventorySkPrefix,
      },
      ConsistentRead: true,
    });
    return Promise.all(items.map((item) => this.decodeInventory(targetId, item)));
  }

  async getInventory(targetId: string, key: string): Promise<InventoryEntry | undefined> {
    const item = await this.get('GetInventory', stateKeys.targetPk(targetId), stateKeys.inventorySk(key));
    return item ? this.decodeInventory(targetId, item) : undefined;
  }

  async putInventory(entry: InventoryEntry): Promise<void> {
    // The whole entry is kept as JSON so it round-trips exactly (lastAppliedSpec is arbitrary);
    // a few fields are projected as attributes for the GSI and for people reading the table.
    // Too large for one item (a 1 MiB ConfigMap), it is compressed, and split over part items if need be:
    // the parts first, then the item naming them, then the parts of the version it replaced.
    const pk = stateKeys.targetPk(entry.targetId);
    const payload = encodeInventoryPayload(entry);
    const previous = await this.get('GetInventory', pk, stateKeys.inventorySk(entry.key));
    if ('dataDigest' in payload.attributes) {
      const digest = payload.attributes.dataDigest;
      for (const [i, part] of payload.parts.entries())
        await this.put('PutInventory', { pk, sk: stateKeys.inventoryPartSk(entry.key, digest, i), part });
    }
    await this.put('PutInventory', {
      pk: stateKeys.targetPk(entry.targetId),
      sk: stateKeys.inventorySk(entry.key),
      gsi1pk: stateKeys.inventoryGsiPk(entry.kind),
      gsi1sk: `${entry.targetId}#${entry.key}`,
      targetId: entry.targetId,
      key: entry.key,
      kind: entry.kind,
      specHash: entry.specHash,
      sourceRevision: entry.sourceRevision,
      ...payload.attributes,
    });
    if (
      previous?.dataDigest !== undefined &&
      previous.dataDigest !== (payload.attributes as { dataDigest?: string }).dataDigest
    )
      await this.deleteParts(entry.targetId, entry.key, previous);
  }

  private decodeInventory(targetId: string, item: Record<string, unknown>): Promise<InventoryEntry> {
    return decodeInventoryPayload(item, async (digest) => {
      const parts = await this.queryAll('GetInventory', {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': stateKeys.targetPk(targetId),
          ':prefix': stateKeys.inventoryPartPrefix(String(item.key), digest),
        },
        ConsistentRead: true,
      });
      return parts.map((p) => p.part as Uint8Array);
    });
  }

  private async deleteParts(targetId: string, key: string, item: Record<string, unknown>): Promise<void> {
    for (let i = 0; i < Number(item.dataParts); i++)
      await this.deleteItem(
        stateKeys.targetPk(targetId),
        stateKeys.inventoryPartSk(key, String(item.dataDigest), i),
      );
  }

  private async deleteItem(pk: string, sk: string): Promise<void> {
    try {
      await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: { pk, sk } }));
    } catch (error) {
      throw storeError('DeleteInventory', this.tableName, error);
    }
  }

  async deleteInventory(targetId: string, key: string): Promise<void> {
    const previous = await this.get('GetInventory', stateKeys.targetPk(targetId), stateKeys.inventorySk(key));
    if (previous?.dataDigest !== undefined) await this.deleteParts(targetId, key, previous);
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { pk: stateKeys.targetPk(targetId), sk: stateKeys.inventorySk(key) },
        }),
      );
    } catch (error) {
      throw storeError('DeleteInventory', this.tableName, error);
    }
  }

  async recordRun(run: RunRecord): Promise<void> {
    const finished = Date.parse(run.finishedAt);
    const basis = Number.isNaN(finished) ? Date.parse(run.startedAt) : finished;
    if (Number.isNaN(basis)) {
      throw new MeshcdError({
        phase: 'record',
        reason: 'invalid-run',
        message: `run '${run.runId}' of target '${run.targetId}' has no valid startedAt/finishedAt time`,
      });
    }
    await this.put('RecordRun', {
      pk: stateKeys.targetPk(run.targetId),
      sk: stateKeys.runSk(run.startedAt, run.runId),
      targetId: run.targetId,
      runId: run.runId,
      outcome: run.outcome,
      revision: run.revision,
      expiresAt: Math.floor(basis / 1000) + this.runRetentionSeconds,
      data: JSON.stringify(run),
    });
  }

  async listRuns(targetId: string, limit?: number): Promise<RunRecord[]> {
    const items = await this.queryAll(
      'ListRuns',
      {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': stateKeys.targetPk(targetId), ':prefix': stateKeys.runSkPrefix },
        ScanIndexForward: false,
      },
      limit,
    );
    return items.map((item) => JSON.parse(item.data as string) as RunRecord);
  }

  async acquireLease(
    targetId: string,
    holder: string,
    request: RevisionRequest | undefined,
    now: number,
    ttlMs: number,
    options?: AcquireOptions,
  ): Promise<LeaseAcquisition> {
    return this.leaseTransition(targetId, (lease) =>
      acquireTransition(lease, targetId, holder, request, now, ttlMs, options),
    );
  }

  async renewLease(targetId: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
    return this.leaseTransition(targetId, (lease) => renewTransition(lease, holder, now, ttlMs));
  }

  async completeLease(targetId: string, holder: string, applied: RevisionRequest): Promise<LeaseSettlement> {
    return this.settleLease(targetId, holder, (lease) => completeTransition(lease, holder, applied));
  }

  async failLease(targetId: string, holder: string, failed: RevisionRequest): Promise<LeaseSettlement> {
    return this.settleLease(targetId, holder, (lease) => failTransition(lease, holder, failed));
  }

  async releaseLease(targetId: string, holder: string): Promise<LeaseRelease> {
    return this.settleLease(targetId, holder, (lease) => releaseTransition(lease, holder));
  }

  async getLease(targetId: string): Promise<TargetLease | undefined> {
    return (await this.readLease(targetId)).lease;
  }

  async markDelivery(deliveryId: string, now: number, ttlSeconds: number): Promise<boolean> {
    const nowSeconds = Math.floor(now / 1000);
    try {
      // TTL deletion lags by up to days, so an expired record still present counts as absent.
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: stateKeys.deliveryPk(deliveryId),
            sk: stateKeys.deliverySk,
            firstSeenAt: new Date(now).toISOString(),
            expiresAt: nowSeconds + ttlSeconds,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
          ExpressionAttributeValues: { ':now': nowSeconds },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailure(error)) return false;
      throw storeError('MarkDelivery', this.tableName, error);
    }
  }

  async seenDelivery(deliveryId: string, now: number): Promise<boolean> {
    const item = await this.get('GetDelivery', stateKeys.deliveryPk(deliveryId), stateKeys.deliverySk);
    // Like markDelivery: an expired record that TTL has not removed yet counts as absent.
    return typeof item?.expiresAt === 'number' && item.expiresAt > Math.floor(now / 1000);
  }

  async putDriftReport(record: DriftRecord): Promise<void> {
    const detected = Date.parse(record.detectedAt);
    if (Number.isNaN(detected)) {
      throw new MeshcdError({
        phase: 'record',
        reason: 'invalid-drift-report',
        message: `drift report '${record.runId}' of target '${record.targetId}' has no valid detectedAt time`,
      });
    }
    const common = {
      pk: stateKeys.targetPk(record.targetId),
      targetId: record.targetId,
      runId: record.runId,
      detectedAt: record.detectedAt,
      driftFingerprint: record.driftFingerprint,
      data: encodeDriftRecord(record),
    };
    // History first: if the second write fails, the latest report is the older one and the next check
    // re-emits rather than staying silent about a change.
    await this.put('PutDriftHistory', {
      ...common,
      sk: stateKeys.driftSk(record.detectedAt, record.runId),
      expiresAt: Math.floor(detected / 1000) + this.runRetentionSeconds,
    });
    await this.put('PutDriftLatest', { ...common, sk: stateKeys.driftLatestSk });
  }

  async getLastDriftReport(targetId: string): Promise<DriftRecord | undefined> {
    const item = await this.get('GetDriftReport', stateKeys.targetPk(targetId), stateKeys.driftLatestSk);
    return item ? decodeDriftRecord(item.data as Uint8Array) : undefined;
  }

  async listDriftHistory(targetId: string, limit?: number): Promise<DriftRecord[]> {
    const items = await this.queryAll(
      'ListDriftHistory',
      {
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': stateKeys.targetPk(targetId),
          ':from': stateKeys.driftHistoryFrom,
          ':to': stateKeys.driftHistoryTo,
        },
        ScanIndexForward: false,
      },
      limit,
    );
    return items.map((item) => decodeDriftRecord(item.data as Uint8Array));
  }

  /** A transition that only the current holder may make; anyone else has lost the lease. */
  private async settleLease<A extends object>(
    targetId: string,
    holder: string,
    step: (lease: TargetLease | undefined) => LeaseTransition<A | { lost: true; holder: string | undefined }>,
  ): Promise<A> {
    const answer = await this.leaseTransition(targetId, step);
    if ('lost' in answer) throw leaseLostError(targetId, holder, answer.holder);
    return answer;
  }

  /**
   * Read the lease, decide with the pure transition, write the result conditioned on the version read.
   * A concurrent write (a push raising `wanted`, another holder) fails the condition and the decision is
   * taken again on fresh data, so no decision is ever made on a stale lease.
   */
  private async leaseTransition<A>(
    targetId: string,
    step: (lease: TargetLease | undefined) => LeaseTransition<A>,
  ): Promise<A> {
    for (let attempt = 0; attempt < this.maxLeaseAttempts; attempt++) {
      const { lease, version } = await this.readLease(targetId);
      const { next, answer } = step(lease);
      if (next === lease || next === undefined) return answer;
      try {
        await this.doc.send(
          new PutCommand({
            TableName: this.tableName,
            Item: leaseToItem(next, version + 1),
            ...(version === 0
              ? { ConditionExpression: 'attribute_not_exists(pk)' }
              : {
                  ConditionExpression: '#version = :version',
                  ExpressionAttributeNames: { '#version': 'version' },
                  ExpressionAttributeValues: { ':version': version },
                }),
          }),
        );
        return answer;
      } catch (error) {
        if (!isConditionalCheckFailure(error)) throw storeError('WriteLease', this.tableName, error);
        // Lost the race: back off briefly with jitter so contenders do not collide in lockstep.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)));
      }
    }
    throw new MeshcdError({
      phase: 'record',
      reason: 'lease-contention',
      retryable: true,
      message: `lease of target '${targetId}' stayed contended for ${this.maxLeaseAttempts} attempts`,
    });
  }

  private async readLease(targetId: string): Promise<{ lease: TargetLease | undefined; version: number }> {
    const item = (await this.get('GetLease', stateKeys.targetPk(targetId), stateKeys.leaseSk)) as
      | LeaseItem
      | undefined;
    return item ? { lease: leaseFromItem(item), version: item.version } : { lease: undefined, version: 0 };
  }

  private async get(operation: string, pk: string, sk: string): Promise<Record<string, unknown> | undefined> {
    try {
      const { Item } = await this.doc.send(
        new GetCommand({ TableName: this.tableName, Key: { pk, sk }, ConsistentRead: true }),
      );
      return Item;
    } catch (error) {
      throw storeError(operation, this.tableName, error);
    }
  }

  private async put(operation: string, item: Record<string, unknown>): Promise<void> {
    try {
      await this.doc.send(new PutCommand({ TableName: this.tableName, Item: item }));
    } catch (error) {
      throw storeError(operation, this.tableName, error);
    }
  }

  /** Follows LastEvaluatedKey: a Query page stops at 1 MB, and a target's inventory can exceed that. */
  private async queryAll(
    operation: string,
    input: Omit<QueryCommandInput, 'TableName'>,
    limit?: number,
  ): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    try {
      do {
        const remaining = limit === undefined ? undefined : limit - items.length;
        const page = await this.doc.send(
          new QueryCommand({
            ...input,
            TableName: this.tableName,
            ...(remaining !== undefined ? { Limit: remaining } : {}),
            ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          }),
        );
        items.push(...(page.Items ?? []));
        startKey = page.LastEvaluatedKey;
      } while (startKey && (limit === undefined || items.length < limit));
    } catch (error) {
      throw storeError(operation, this.tableName, error);
    }
    return items;
  }
}

/** Factory form of `new DynamoStateStore(options)`. */
export const createDynamoStateStore = (options: DynamoStateStoreOptions): DynamoStateStore =>
  new DynamoStateStore(options);
