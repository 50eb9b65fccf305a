import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { type DynaliteHandle, startDynalite } from '@meshcd/emulators';
import { signGitHubBody } from '@meshcd/events';
import { createStateTable } from '@meshcd/state';
import type { Context, LambdaFunctionURLEvent, LambdaFunctionURLResult } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

/**
 * The deployed handler end to end: configuration from the environment, the middy stack, DynamoDB
 * (dynalite) for de-duplication and an EventBridge endpoint that records every PutEvents call.
 */
const secret = 'webhook-secret';
const table = 'state';
let dynamo: DynaliteHandle;
let eventBridge: Server;
let putEvents: Array<Record<string, unknown>>;
let handler: typeof import('./ingest-webhook.ts').handler;
let client: DynamoDBClient;

beforeAll(async () => {
  dynamo = await startDynalite();
  eventBridge = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    putEvents.push(JSON.parse(body) as Record<string, unknown>);
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
    res.end(JSON.stringify({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] }));
  });
  await new Promise<void>((r) => eventBridge.listen(0, '127.0.0.1', r));
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials });
  await createStateTable(client, table);
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    MESHCD_TABLE: table,
    MESHCD_BUS: 'meshcd-bus',
    MESHCD_GITHUB_WEBHOOK_SECRET: secret,
    MESHCD_TARGETS: JSON.stringify([
      {
        id: 'mesh',
        source: { repository: 'https://github.com/org/mesh.git', branch: 'main' },
        accountId: '111122223333',
        region: 'us-east-1',
      },
    ]),
    MESHCD_MAX_WEBHOOK_BYTES: '4096',
    MESHCD_DYNAMODB_ENDPOINT: dynamo.endpoint,
    MESHCD_EVENTBRIDGE_ENDPOINT: `http://127.0.0.1:${(eventBridge.address() as AddressInfo).port}`,
    POWERTOOLS_TRACE_ENABLED: 'false',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: 'CRITICAL',
  });
  ({ handler } = await import('./ingest-webhook.ts'));
});

afterAll(async () => {
  await new Promise((r) => eventBridge?.close(r));
  await dynamo?.close();
});

beforeEach(() => {
  putEvents = [];
});

const context = {
  functionName: 'ingest-webhook',
  awsRequestId: 'request-1',
  getRemainingTimeInMillis: () => 10_000,
} as Context;

function request(body: string, headers: Record<string, string>): LambdaFunctionURLEvent {
  return { headers, body, isBase64Encoded: false } as unknown as LambdaFunctionURLEvent;
}

const push = (revision: string, padding = '') =>
  JSON.stringify({
    ref: 'refs/heads/main',
    before: '0'.repeat(40),
    after: revision,
    commits: [],
    repository: {
      full_name: 'org/mesh',
      clone_url: 'https://github.com/org/mesh.git',
      pushed_at: 1_700_000_000,
    },
    padding,
  });

const githubHeaders = (signature: string, delivery: string) => ({
  'x-github-event': 'push',
  'x-github-delivery': delivery,
  'x-hub-signature-256': signature,
});

const deliveryRecords = async () => (await client.send(new ScanCommand({ TableName: table }))).Items ?? [];

/** The handler always answers with a structured result, never a bare string. */
const call = async (event: LambdaFunctionURLEvent) =>
  (await handler(event, context)) as Exclude<LambdaFunctionURLResult, string>;

describe('ingest-webhook handler', () => {
  it('answers a forged delivery with 401 and changes nothing', async () => {
    const body = push('b'.repeat(40));
    const before = await deliveryRecords();
    const response = await call(request(body, githubHeaders(signGitHubBody(body, 'guess'), 'forged-1')));
    expect(response.statusCode).toBe(401);
    expect(putEvents).toEqual([]);
    expect(await deliveryRecords()).toEqual(before);
  });

  it('answers an oversize delivery with 413 and changes nothing, even when signed', async () => {
    const body = push('c'.repeat(40), 'x'.repeat(8192));
    const before = await deliveryRecords();
    const response = await call(request(body, githubHeaders(signGitHubBody(body, secret), 'big-1')));
    expect(response.statusCode).toBe(413);
    expect(putEvents).toEqual([]);
    expect(await deliveryRecords()).toEqual(before);
  });

  it('publishes a signed push once and answers its redelivery with 200', async () => {
    const revision = 'd'.repeat(40);
    const body = push(revision);
    const event = request(body, githubHeaders(signGitHubBody(body, secret), 'good-1'));
    const first = await call(event);
    expect(first.statusCode).toBe(202);
    expect(putEvents).toHaveLength(1);
    const entry = (putEvents[0]?.Entries as Array<Record<string, string>> | undefined)?.[0];
    expect(entry).toMatchObject({ Source: 'meshcd.git', DetailType: 'Git Push', EventBusName: 'meshcd-bus' });
    expect(JSON.parse(entry?.Detail ?? '{}')).toMatchObject({ revision, deliveryId: 'good-1' });
    const again = await call(event);
    expect(again.statusCode).toBe(200);
    expect(JSON.parse(again.body ?? '{}')).toMatchObject({ outcome: 'duplicate' });
    expect(putEvents).toHaveLength(1);
  });
});
