import { MeshcdError, type RunRecord, type StateStore } from '@meshcd/core';
import type { DynamoTable } from './dynamo-table.ts';
import { stateKeys } from './state-keys.ts';

/** Run history on the state table, expired by TTL after the retention period. */
export class DynamoRunLog implements Pick<StateStore, 'recordRun' | 'listRuns'> {
  constructor(
    private readonly table: DynamoTable,
    private readonly retentionSeconds: number,
  ) {}

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
    await this.table.put('RecordRun', {
      pk: stateKeys.targetPk(run.targetId),
      sk: stateKeys.runSk(run.startedAt, run.runId),
      targetId: run.targetId,
      runId: run.runId,
      outcome: run.outcome,
      revision: run.revision,
      expiresAt: Math.floor(basis / 1000) + this.retentionSeconds,
      data: JSON.stringify(run),
    });
  }

  async listRuns(targetId: string, limit?: number): Promise<RunRecord[]> {
    const items = await this.table.queryAll(
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
}
