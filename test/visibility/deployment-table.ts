import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type ReconcileResult, reconcile } from '@meshcd/core';
import { createDynamoStateStore, createStateTable, type MeshcdStateStore } from '@meshcd/state';

/** A deployment's state table in dynalite, written with deploy's credentials, not the user's. */
export async function openDeploymentTable(
  endpoint: string,
  table: string,
): Promise<{ state: MeshcdStateStore; close(): void }> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-west-2',
    credentials: { accessKeyId: 'deploy', secretAccessKey: 'deploy' },
  });
  await createStateTable(client, table);
  return { state: createDynamoStateStore({ client, tableName: table }), close: () => client.destroy() };
}

/** The revision the deployed reconcile applied, and when it was pushed. */
export const appliedRequest = { revision: 'a'.repeat(40), order: Date.parse('2026-11-29T10:00:00Z') };

/** What a deployed reconcile is given besides its ports: the applied revision, in apply mode, as one run. */
type FunctionRun = { revision: string; mode: 'apply'; runId: string; now: () => Date };

/**
 * A run as the deployed function makes one, of either provider's engine: under the target's lease, settled
 * as applied after.
 */
export async function asFunction<R>(
  state: MeshcdStateStore,
  targetId: string,
  run: (fixed: FunctionRun) => Promise<R>,
): Promise<R> {
  await state.acquireLease(targetId, 'event:1', appliedRequest, Date.now(), 60_000);
  const result = await run({
    revision: appliedRequest.revision,
    mode: 'apply',
    runId: 'run-1',
    now: () => new Date(),
  });
  await state.completeLease(targetId, 'event:1', appliedRequest);
  return result;
}

/** An App Mesh reconcile as the deployed function runs one. */
export const reconcileAsFunction = (
  state: MeshcdStateStore,
  input: Omit<Parameters<typeof reconcile>[0], 'state' | 'revision' | 'mode' | 'runId' | 'now'>,
): Promise<ReconcileResult> =>
  asFunction(state, input.target.id, (fixed) => reconcile({ ...input, ...fixed, state }));

/**
 * The user's environment on a laptop: credentials and the SDK's own endpoint variables, nothing meshcd-specific.
 * The access key id is the account (the emulators' convention), so STS answers that the user is in the
 * target's account.
 */
export const laptopEnvironment = (
  appMesh: { accountId: string; endpoint: string },
  dynamo: { endpoint: string },
  sts: { endpoint: string },
) => ({
  AWS_REGION: 'us-west-2',
  AWS_ACCESS_KEY_ID: appMesh.accountId,
  AWS_SECRET_ACCESS_KEY: 'laptop',
  AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
  AWS_ENDPOINT_URL_APP_MESH: appMesh.endpoint,
  AWS_ENDPOINT_URL_STS: sts.endpoint,
});

/** AWS operations that change something (target registration included): what a read-only command must never send. */
export const isAwsWrite = (operation: string): boolean =>
  /^(Create|Update|Delete|Tag|Untag|Put|BatchWrite|TransactWrite|Register|Deregister)/.test(operation);
