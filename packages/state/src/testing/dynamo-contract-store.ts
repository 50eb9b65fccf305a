import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { createStateTable } from '../create-state-table.ts';
import { DynamoStateStore } from '../dynamo-state-store.ts';
import type { ContractStore } from './state-store-contract.ts';

let tables = 0;

/** A DynamoStateStore on a fresh table, so contract tests never see each other's items. */
export async function dynamoContractStore(client: DynamoDBClient): Promise<ContractStore> {
  const tableName = `meshcd-contract-${process.pid}-${++tables}`;
  await createStateTable(client, tableName);
  const doc = DynamoDBDocumentClient.from(client);
  return {
    store: new DynamoStateStore({ client, tableName }),
    rawItem: async (pk, sk) =>
      (await doc.send(new GetCommand({ TableName: tableName, Key: { pk, sk } }))).Item,
  };
}
