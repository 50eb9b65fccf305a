import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalStack } from './local-stack.ts';

const exec = promisify(execFile);

const dynamo = (endpoint: string) =>
  new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });

const accepts = (endpoint: string) =>
  new Promise<boolean>((resolve) => {
    const { hostname, port } = new URL(endpoint);
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

describe('startLocalStack', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const start = async (options?: Parameters<typeof startLocalStack>[0]) => {
    const stack = await startLocalStack(options);
    cleanups.push(() => stack.close());
    return stack;
  };

  it('serves DynamoDB and git on loopback ports and stops them all on close', async () => {
    const stack = await start();
    await dynamo(stack.endpoints.dynamodb!).send(
      new CreateTableCommand({
        TableName: 'tbl',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const tables = await dynamo(stack.endpoints.dynamodb!).send(new ListTablesCommand({}));
    expect(tables.TableNames).toEqual(['tbl']);
    expect(Object.values(stack.endpoints).every((e) => e.startsWith('http://127.0.0.1:'))).toBe(true);

    await stack.close();
    for (const endpoint of Object.values(stack.endpoints)) expect(await accepts(endpoint)).toBe(false);
  });

  it('gives each stack its own isolated state', async () => {
    const a = await start();
    const b = await start();
    await a.git.createRepo('only-in-a');
    await a.git.commit('only-in-a', { files: { 'x.yaml': 'a: 1\n' } });
    expect(a.endpoints.git).not.toEqual(b.endpoints.git);
    await expect(exec('git', ['ls-remote', `${b.git.url}/only-in-a.git`])).rejects.toThrow();
  });

  it('serves pushed commits to a real git clone over smart HTTP', async () => {
    const stack = await start();
    const url = await stack.git.createRepo('manifests');
    await stack.git.commit('manifests', { files: { 'mesh/a.yaml': 'kind: Mesh\n', 'b.yaml': 'x\n' } });
    const sha = await stack.git.commit('manifests', {
      files: { 'b.yaml': null, 'mesh/a.yaml': 'kind: Mesh # v2\n' },
    });

    const dir = await mkdtemp(join(tmpdir(), 'clone-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await exec('git', ['clone', '--quiet', url, join(dir, 'c')]);
    const head = (await exec('git', ['rev-parse', 'HEAD'], { cwd: join(dir, 'c') })).stdout.trim();
    expect(head).toBe(sha);
    expect(await readFile(join(dir, 'c', 'mesh/a.yaml'), 'utf8')).toBe('kind: Mesh # v2\n');
    await expect(readFile(join(dir, 'c', 'b.yaml'))).rejects.toThrow();
  });

  it('starts plugged-in services after the base ones and lists their endpoints', async () => {
    const order: string[] = [];
    const stack = await start({
      services: {
        appmesh: async () => {
          order.push('appmesh');
          return { endpoint: 'http://127.0.0.1:1', close: async () => void order.push('close appmesh') };
        },
      },
    });
    expect(stack.endpoints.appmesh).toBe('http://127.0.0.1:1');
    await stack.close();
    expect(order).toEqual(['appmesh', 'close appmesh']);
  });

  it('stops what already started when a service fails to start', async () => {
    let closed = false;
    await expect(
      startLocalStack({
        services: {
          first: async () => ({
            endpoint: 'x',
            close: async () => {
              closed = true;
            },
          }),
          broken: async () => {
            throw new Error('port in use');
          },
        },
      }),
    ).rejects.toThrow('port in use');
    expect(closed).toBe(true);
  });

  it('keeps DynamoDB tables and git repositories in the state directory across restarts', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'meshcd-state-'));
    cleanups.push(() => rm(stateDir, { recursive: true, force: true }));
    const first = await startLocalStack({ stateDir });
    await dynamo(first.endpoints.dynamodb!).send(
      new CreateTableCommand({
        TableName: 'kept',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await first.git.createRepo('kept');
    const sha = await first.git.commit('kept', { files: { 'a.yaml': 'a\n' } });
    await first.close();

    const second = await start({ stateDir });
    const tables = await dynamo(second.endpoints.dynamodb!).send(new ListTablesCommand({}));
    expect(tables.TableNames).toEqual(['kept']);
    const refs = (await exec('git', ['ls-remote', `${second.git.url}/kept.git`])).stdout;
    expect(refs).toContain(sha);
  });
});
