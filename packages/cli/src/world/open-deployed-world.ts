import { readFile } from 'node:fs/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { MeshcdError, type StateStore, type Target } from '@meshcd/core';
import { createDynamoStateStore, isUnreadableTarget } from '@meshcd/state';
import { openDeployedCluster } from './open-deployed-cluster.ts';
import { openDeployedLattice } from './open-deployed-lattice.ts';
import { readOnlyMeshApi, readOnlyStateStore } from './read-only.ts';
import { type CallerIdentity, callerIdentity, requireTargetAccount } from './require-target-account.ts';
import type { World } from './world.ts';

export interface DeploymentOptions {
  /** The target to read; every target of the deployment when absent (status). */
  target?: string;
  /** The state table; `table` of the stage's outputs (.sst/outputs.json) when absent. */
  table?: string;
  region?: string;
  /** Where `sst deploy` left the stage's outputs. */
  outputsFile?: string;
  /**
   * `apply --target`: the worlds write, for targets whose deployment allows it
   * (`policy.allowApplyFromCli`); any other target is refused before anything is opened.
   */
  write?: boolean;
}

/** A deployment read from a laptop: its targets, and a read-only world per target. */
export interface Deployment {
  table: string;
  targets: Target[];
  /** The state table, read-only. */
  state: StateStore;
  /**
   * The read-only world of one target: App Mesh (VPC Lattice for a Lattice target), the state table and
   * (when the target names one) its cluster and Cloud Map, through the real SDK clients.
   */
  world(target: Target): Promise<World>;
  close(): void;
}

/** The deployment's state table: --table, else the `table` output `sst deploy` wrote. */
async function tableName(options: DeploymentOptions): Promise<string> {
  if (options.table) return options.table;
  const file = options.outputsFile ?? '.sst/outputs.json';
  const text = await readFile(file, 'utf8').catch(() => undefined);
  const table = text ? (JSON.parse(text) as { table?: unknown }).table : undefined;
  if (typeof table === 'string' && table) return table;
  throw new Error(
    `no state table: pass --table <name>, or run from the directory where \`sst deploy\` wrote ${file}`,
  );
}

/**
 * Opens a deployment with the user's AWS credentials (the SDK's default chain, endpoints included:
 * AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_APP_MESH and AWS_ENDPOINT_URL_VPC_LATTICE work as they do for
 * any SDK client). The targets come from the table, where deploy writes them. A target's world opens only for
 * credentials of the target's account (sts:GetCallerIdentity, AWS_ENDPOINT_URL_STS). Everything is read-only: App
 * Mesh, VPC Lattice, state, cluster and Cloud Map writes are refused before they leave the machine.
 */
export async function openDeployment(options: DeploymentOptions): Promise<Deployment> {
  const table = await tableName(options);
  const region = options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (!region) throw new Error('no region: pass --region or set AWS_REGION');
  const dynamo = new DynamoDBClient({ region });
  const writable = createDynamoStateStore({ client: dynamo, tableName: table });
  const store = readOnlyStateStore(writable);
  const records = await store.listTargets();
  // A damaged record is named, not fatal: the other targets are still read.
  for (const record of records.filter(isUnreadableTarget)) {
    process.stderr.write(`warning: target ${record.targetId} in table ${table}: ${record.reason}\n`);
  }
  const all = records.filter((r): r is Target => !isUnreadableTarget(r));
  const targets = options.target ? all.filter((t) => t.id === options.target) : all;
  if (targets.length === 0) {
    dynamo.destroy();
    throw new Error(
      options.target
        ? `no target '${options.target}' in table ${table} (known: ${all.map((t) => t.id).join(', ') || 'none'})`
        : `no targets in table ${table}`,
    );
  }
  // Asked once per command, whichever target it opens.
  let caller: Promise<CallerIdentity> | undefined;
  const world = async (target: Target): Promise<World> => {
    const write = options.write === true;
    if (write && target.policy.allowApplyFromCli !== true) throw applyNotAllowed(target.id);
    // Before App Mesh, VPC Lattice or the cluster is opened: their answers would be another account's.
    caller ??= callerIdentity(region);
    requireTargetAccount(target, await caller, write);
    const [{ AppMeshClient }, { createMeshApi }] = await Promise.all([
      import('@aws-sdk/client-app-mesh'),
      import('@meshcd/appmesh'),
    ]);
    // maxAttempts 1: createMeshApi retries under its own token buckets, as in the functions.
    const client = new AppMeshClient({ region: target.region, maxAttempts: 1 });
    const lattice = target.provider === 'lattice' ? await openDeployedLattice(target, write) : undefined;
    const side = await openDeployedCluster(target, write).catch((error: unknown) => {
      client.destroy();
      lattice?.close();
      throw error;
    });
    return {
      target,
      mesh: write ? createMeshApi({ client }) : readOnlyMeshApi(createMeshApi({ client })),
      state: write ? writable : store,
      ...(side?.cluster ? { cluster: side.cluster } : {}),
      ...(side?.cloudMap ? { cloudMap: side.cloudMap } : {}),
      ...(side ? { namespaceLabels: side.namespaceLabels } : {}),
      ...(lattice ? { lattice: lattice.api } : {}),
      description: `deployed target ${target.id} (table ${table}${write ? '' : ', read-only'})`,
      close: async () => {
        client.destroy();
        lattice?.close();
        side?.close();
      },
    };
  };
  return { table, targets, state: store, world, close: () => dynamo.destroy() };
}

/** `apply --target` on a target whose deployment keeps applying in the functions. */
const applyNotAllowed = (targetId: string) =>
  new MeshcdError({
    phase: 'apply',
    reason: 'apply-not-allowed',
    message:
      `target '${targetId}' is applied by the deployed reconcile function only; to apply it from the ` +
      `command line, set policy.allowApplyFromCli: true on the target in the deployment's targets and deploy again`,
  });
