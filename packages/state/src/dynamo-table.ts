import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailure, storeError } from './store-error.ts';

/** A write condition, in DynamoDB's own expression terms. */
export interface WriteCondition {
  ConditionExpression: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}

/**
 * The state table's item operations, each wrapping a DynamoDB failure in a store error named after the
 * store operation, so every part of the store reports faults the same way.
 */
export class DynamoTable {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;

  constructor(client: DynamoDBClient | DynamoDBDocumentClient, tableName: string) {
    this.doc =
      client instanceof DynamoDBClient
        ? DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } })
        : client;
    this.tableName = tableName;
  }

  async get(operation: string, pk: string, sk: string): Promise<Record<string, unknown> | undefined> {
    try {
      const { Item } = await this.doc.send(
        new GetCommand({ TableName: this.tableName, Key: { pk, sk }, ConsistentRead: true }),
      );
      return Item;
    } catch (error) {
      throw storeError(operation, this.tableName, error);
    }
  }

  async put(operation: string, item: Record<string, unknown>): Promise<void> {
    try {
      await this.doc.send(new PutCommand({ TableName: this.tableName, Item: item }));
    } catch (error) {
      throw storeError(operation, this.tableName, error);
    }
  }

  /** A conditional put: false when the condition did not hold, so the caller decides what losing means. */
  async putIf(operation: string, item: object, condition: WriteCondition): Promise<boolean> {
    try {
      await this.doc.send(new PutCommand({ TableName: this.tableName, Item: item, ...condition }));
      return true;
    } catch (error) {
      if (isConditionalCheckFailure(error)) return false;
      throw storeError(operation, this.tableName, error);
    }
  }

  async delete(operation: string, pk: string, sk: string): Promise<void> {
    try {
      await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: { pk, sk } }));
    } catch (error) {
      throw storeError(operation, this.tableName, error);
    }
  }

  /** Follows LastEvaluatedKey: a Query page stops at 1 MB, and a target's inventory can exceed that. */
  async queryAll(
    operation: string,
    input: Omit<QueryCommandInput, 'TableName'>,
    limit?: number,
  ): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    try {
      do {
        const remaining = limit === undefined ? undefined : limit - items.length;
        const page = await this.doc.send(
          new QueryCommand({
            ...input,
            TableName: this.tableName,
            ...(remaining !== undefined ? { Limit: remaining } : {}),
            ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          }),
        );
        items.push(...(page.Items ?? []));
        startKey = page.LastEvaluatedKey;
      } while (startKey && (limit === undefined || items.length < limit));
    } catch (error) {
      throw storeError(operation, this.tableName, error);
    }
    return items;
  }
}
