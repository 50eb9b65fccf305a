import type { Target } from '@meshcd/core';
import { byKindIndex } from './create-state-table.ts';
import type { DynamoTable } from './dynamo-table.ts';
import { stateKeys } from './state-keys.ts';
import { targetRecord } from './target-record.ts';
import type { TargetRegistry, UnreadableTargetRecord } from './target-registry.ts';

/** Target records on the state table, listed through the byKind index. */
export class DynamoTargetRegistry implements TargetRegistry {
  constructor(private readonly table: DynamoTable) {}

  async putTarget(target: Target): Promise<void> {
    await this.table.put('PutTarget', targetRecord(target));
  }

  async getTarget(targetId: string): Promise<Target | undefined> {
    const item = await this.table.get('GetTarget', stateKeys.targetPk(targetId), stateKeys.targetConfigSk);
    return item ? (JSON.parse(item.data as string) as Target) : undefined;
  }

  async listTargets(): Promise<Array<Target | UnreadableTargetRecord>> {
    const items = await this.table.queryAll('ListTargets', {
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
}
