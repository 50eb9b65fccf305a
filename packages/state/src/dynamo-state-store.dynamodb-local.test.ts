import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe } from 'vitest';
import { driftRecordContract } from './testing/drift-record-contract.ts';
import { dynamoContractStore } from './testing/dynamo-contract-store.ts';
import { type DynamoDbLocalHandle, startDynamoDbLocal } from './testing/start-dynamodb-local.ts';
import { stateStoreContract } from './testing/state-store-contract.ts';

// AWS's own implementation catches what dynalite gets wrong. A missing jar or JVM is a failure
// (startDynamoDbLocal throws, naming what is missing), never a silent skip.
describe('DynamoDB Local', () => {
  let local: DynamoDbLocalHandle;
  let client: DynamoDBClient;

  beforeAll(async () => {
    local = await startDynamoDbLocal();
    client = new DynamoDBClient({
      endpoint: local.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    // Longer than startDynamoDbLocal's own wait for a JVM start on a loaded machine.
  }, 150_000);

  afterAll(async () => {
    client?.destroy();
    await local?.close();
  });

  stateStoreContract('DynamoDB Local', () => dynamoContractStore(client), { rawItems: true });
  driftRecordContract('DynamoDB Local', () => dynamoContractStore(client), { rawItems: true });
});
