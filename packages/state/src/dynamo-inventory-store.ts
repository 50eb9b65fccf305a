import type { InventoryEntry, StateStore } from '@meshcd/core';
import type { DynamoTable } from './dynamo-table.ts';
import { decodeInventoryPayload, encodeInventoryPayload } from './inventory-payload.ts';
import { stateKeys } from './state-keys.ts';

/** The inventory on the state table: one item per entry under the target's partition. */
export class DynamoInventoryStore
  implements Pick<StateStore, 'listInventory' | 'getInventory' | 'putInventory' | 'deleteInventory'>
{
  constructor(private readonly table: DynamoTable) {}

  async listInventory(targetId: string): Promise<InventoryEntry[]> {
    const items = await this.table.queryAll('ListInventory', {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': stateKeys.targetPk(targetId),
        ':prefix': stateKeys.inventorySkPrefix,
      },
      ConsistentRead: true,
    });
    return Promise.all(items.map((item) => this.decode(targetId, item)));
  }

  async getInventory(targetId: string, key: string): Promise<InventoryEntry | undefined> {
    const item = await this.table.get(
      'GetInventory',
      stateKeys.targetPk(targetId),
      stateKeys.inventorySk(key),
    );
    return item ? this.decode(targetId, item) : undefined;
  }

  async putInventory(entry: InventoryEntry): Promise<void> {
    // The whole entry is kept as JSON so it round-trips exactly (lastAppliedSpec is arbitrary);
    // a few fields are projected as attributes for the GSI and for people reading the table.
    // Too large for one item (a 1 MiB ConfigMap), it is compressed, and split over part items if need be:
    // the parts first, then the item naming them, then the parts of the version it replaced.
    const pk = stateKeys.targetPk(entry.targetId);
    const payload = encodeInventoryPayload(entry);
    const previous = await this.table.get('GetInventory', pk, stateKeys.inventorySk(entry.key));
    if ('dataDigest' in payload.attributes) {
      const digest = payload.attributes.dataDigest;
      for (const [i, part] of payload.parts.entries())
        await this.table.put('PutInventory', {
          pk,
          sk: stateKeys.inventoryPartSk(entry.key, digest, i),
          part,
        });
    }
    await this.table.put('PutInventory', {
      pk,
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

  async deleteInventory(targetId: string, key: string): Promise<void> {
    const pk = stateKeys.targetPk(targetId);
    const previous = await this.table.get('GetInventory', pk, stateKeys.inventorySk(key));
    if (previous?.dataDigest !== undefined) await this.deleteParts(targetId, key, previous);
    await this.table.delete('DeleteInventory', pk, stateKeys.inventorySk(key));
  }

  private decode(targetId: string, item: Record<string, unknown>): Promise<InventoryEntry> {
    return decodeInventoryPayload(item, async (digest) => {
      const parts = await this.table.queryAll('GetInventory', {
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
      await this.table.delete(
        'DeleteInventory',
        stateKeys.targetPk(targetId),
        stateKeys.inventoryPartSk(key, String(item.dataDigest), i),
      );
  }
}
