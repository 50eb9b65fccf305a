import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createMeshApi } from '@meshcd/appmesh';
import { defaultTargetPolicy, type Target } from '@meshcd/core';
import { appMeshClientFor, defaultAccountId, startAppMeshEmulator, startDynalite } from '@meshcd/emulators';
import { createDynamoStateStore, createStateTable } from '@meshcd/state';
import { readLocalEndpoints } from './local-endpoints.ts';
import type { World } from './world.ts';

export const localTableName = 'meshcd-local';
export const localTargetId = 'local';

export const localTarget = (accountId = defaultAccountId): Target => ({
  id: localTargetId,
  source: { repository: 'file://local', branch: 'main', path: '.' },
  accountId,
  region: 'us-west-2',
  policy: { ...defaultTargetPolicy },
});

const dynamo = (endpoint: string) =>
  new DynamoDBClient({
    endpoint,
    region: 'us-west-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

/**
 * The local emulated world whose state lives in `stateDir`. When `meshcd local up` is running on that
 * directory, the commands talk to it; otherwise they start the emulators in-process on the same files, so
 * successive commands see the same world either way.
 */
export async function openLocalWorld(stateDir: string): Promise<World> {
  const dir = resolve(stateDir);
  await mkdir(dir, { recursive: true });
  const running = await readLocalEndpoints(dir);
  const closers: Array<() => Promise<void>> = [];
  let appmeshEndpoint: string;
  let dynamodbEndpoint: string;
  if (running?.endpoints.appmesh && running.endpoints.dynamodb) {
    appmeshEndpoint = running.endpoints.appmesh;
    dynamodbEndpoint = running.endpoints.dynamodb;
  } else {
    const emulator = await startAppMeshEmulator({ stateDir: dir });
    closers.push(() => emulator.close());
    const dynalite = await startDynalite({ path: join(dir, 'dynamodb') });
    closers.push(() => dynalite.close());
    appmeshEndpoint = emulator.endpoint;
    dynamodbEndpoint = dynalite.endpoint;
  }
  const client = dynamo(dynamodbEndpoint);
  await createStateTable(client, localTableName);
  const target = localTarget();
  return {
    target,
    mesh: createMeshApi({
      client: appMeshClientFor(
        { endpoint: appmeshEndpoint, accountId: target.accountId },
        { maxAttempts: 1 },
      ),
    }),
    state: createDynamoStateStore({ client, tableName: localTableName }),
    description: running ? `local stack at ${appmeshEndpoint}` : `local state in ${dir}`,
    close: async () => {
      client.destroy();
      for (const close of closers.reverse()) await close();
    },
  };
}
