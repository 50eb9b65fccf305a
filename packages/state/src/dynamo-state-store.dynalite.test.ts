import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { type DynaliteHandle, startDynalite } from '@meshcd/emulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStateTable } from './create-state-table.ts';
import { DynamoStateStore } from './dynamo-state-store.ts';
import { driftRecordContract } from './testing/drift-record-contract.ts';
import { dynamoContractStore } from './testing/dynamo-contract-store.ts';
import { stateStoreContract } from './testing/state-store-contract.ts';

let dynalite: DynaliteHandle;
let client: DynamoDBClient;

beforeAll(async () => {
  dynalite = await startDynalite();
  client = new DynamoDBClient({
    endpoint: dynalite.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});

afterAll(async () => {
  client?.destroy();
  await dynalite?.close();
});

stateStoreContract('DynamoDB (dynalite)', () => dynamoContractStore(client), { rawItems: true });
driftRecordContract('DynamoDB (dynalite)', () => dynamoContractStore(client), { rawItems: true });

describe('DynamoStateStore on a table written by earlier versions', () => {
  it('reads a cluster object entry stored with its apiVersion/kind in arn as a typed cluster object', async () => {
    await createStateTable(client, 'old-items');
    const key = 'kube:shop/apps/Deployment/web';
    const stored = {
      targetId: 't1',
      key,
      kind: 'Deployment',
      arn: 'apps/v1/Deployment',
      uid: 'u-1',
      version: '7',
      specHash: 'h',
      lastAppliedSpec: { apiVersion: 'apps/v1', kind: 'Deployment' },
      sourceRevision: 'abc123',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    // The item exactly as the earlier store wrote it: projected attributes beside the entry's JSON.
    await client.send(
      new PutItemCommand({
        TableName: 'old-items',
        Item: {
          pk: { S: 'TARGET#t1' },
          sk: { S: `INV#${key}` },
          gsi1pk: { S: 'KIND#Deployment' },
          gsi1sk: { S: `t1#${key}` },
          targetId: { S: 't1' },
          key: { S: key },
          kind: { S: 'Deployment' },
          specHash: { S: 'h' },
          sourceRevision: { S: 'abc123' },
          data: { S: JSON.stringify(stored) },
        },
      }),
    );
    const store = new DynamoStateStore({ client, tableName: 'old-items' });
    const { arn: _, ...rest } = stored;
    const typed = { ...rest, provider: 'kube', apiVersion: 'apps/v1', namespace: 'shop', name: 'web' };
    expect(await store.getInventory('t1', key)).toEqual(typed);
    expect(await store.listInventory('t1')).toEqual([typed]);
  });
});

describe('dynalite, like DynamoDB', () => {
  it('refuses an item over 400 KB, which is why large entries are compressed and split', async () => {
    await createStateTable(client, 'item-size');
    const put = new PutItemCommand({
      TableName: 'item-size',
      Item: { pk: { S: 'p' }, sk: { S: 's' }, data: { S: 'x'.repeat(410 * 1024) } },
    });
    await expect(client.send(put)).rejects.toMatchObject({ name: 'ValidationException' });
  });
});
