import { type DriftRecord, MeshcdError, type StateStore } from '@meshcd/core';
import { decodeDriftRecord, encodeDriftRecord } from './drift-record-codec.ts';
import type { DynamoTable } from './dynamo-table.ts';
import { stateKeys } from './state-keys.ts';

/** Drift reports on the state table: a history expired by TTL, and the latest under a fixed sort key. */
export class DynamoDriftLog
  implements Pick<StateStore, 'putDriftReport' | 'getLastDriftReport' | 'listDriftHistory'>
{
  constructor(
    private readonly table: DynamoTable,
    private readonly retentionSeconds: number,
  ) {}

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
    await this.table.put('PutDriftHistory', {
      ...common,
      sk: stateKeys.driftSk(record.detectedAt, record.runId),
      expiresAt: Math.floor(detected / 1000) + this.retentionSeconds,
    });
    await this.table.put('PutDriftLatest', { ...common, sk: stateKeys.driftLatestSk });
  }

  async getLastDriftReport(targetId: string): Promise<DriftRecord | undefined> {
    const item = await this.table.get(
      'GetDriftReport',
      stateKeys.targetPk(targetId),
      stateKeys.driftLatestSk,
    );
    return item ? decodeDriftRecord(item.data as Uint8Array) : undefined;
  }

  async listDriftHistory(targetId: string, limit?: number): Promise<DriftRecord[]> {
    const items = await this.table.queryAll(
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
}
