import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { type DynaliteHandle, startDynalite } from '@meshcd/emulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStateTable } from './create-state-table.ts';
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
