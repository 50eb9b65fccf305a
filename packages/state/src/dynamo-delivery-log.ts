import type { StateStore } from '@meshcd/core';
import type { DynamoTable } from './dynamo-table.ts';
import { stateKeys } from './state-keys.ts';

/** Delivery records on the state table, one partition each since they are looked up by id alone. */
export class DynamoDeliveryLog implements Pick<StateStore, 'markDelivery' | 'seenDelivery'> {
  constructor(private readonly table: DynamoTable) {}

  async markDelivery(deliveryId: string, now: number, ttlSeconds: number): Promise<boolean> {
    const nowSeconds = Math.floor(now / 1000);
    // TTL deletion lags by up to days, so an expired record still present counts as absent.
    return this.table.putIf(
      'MarkDelivery',
      {
        pk: stateKeys.deliveryPk(deliveryId),
        sk: stateKeys.deliverySk,
        firstSeenAt: new Date(now).toISOString(),
        expiresAt: nowSeconds + ttlSeconds,
      },
      {
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
        ExpressionAttributeValues: { ':now': nowSeconds },
      },
    );
  }

  async seenDelivery(deliveryId: string, now: number): Promise<boolean> {
    const item = await this.table.get('GetDelivery', stateKeys.deliveryPk(deliveryId), stateKeys.deliverySk);
    // Like markDelivery: an expired record that TTL has not removed yet counts as absent.
    return typeof item?.expiresAt === 'number' && item.expiresAt > Math.floor(now / 1000);
  }
}
