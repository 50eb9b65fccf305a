import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynaliteHandle, startDynalite } from '@meshcd/emulators';
import { afterAll, beforeAll } from 'vitest';
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
