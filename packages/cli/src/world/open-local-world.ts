import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import { createCloudMapApi, createMeshApi } from '@meshcd/appmesh';
import { defaultTargetPolicy, type LatticeApi, type Target, type TargetProvider } from '@meshcd/core';
import {
  appMeshClientFor,
  cloudMapClientFor,
  defaultAccountId,
  latticeClientFor,
  type ResourceType,
  startAppMeshEmulator,
  startCloudMapEmulator,
  startDynalite,
  startKubeEmulator,
  startLatticeEmulator,
} from '@meshcd/emulators';
import { buildKubeConfig, createClusterApi } from '@meshcd/kube';
import { createLatticeApi } from '@meshcd/lattice';
import { createDynamoStateStore, createStateTable, type TargetRegistry } from '@meshcd/state';
import { CommandLineError } from '../failure-report.ts';
import { localAdminToken } from '../local/local-eks.ts';
import { type LocalEndpoints, readLocalEndpoints } from './local-endpoints.ts';
import { lockStateDir } from './state-lock.ts';
import type { World } from './world.ts';

export const localTableName = 'meshcd-local';
export const localTargetId = 'local';

/** The local cluster's VPC, as Lattice sees it: target groups live in it and it joins the service network. */
export const localVpcId = 'vpc-10ca1000';

/**
 * The one target of the local world; `local up` points its source at the local git server. On App Mesh
 * unless `provider` says `lattice`, where the same manifests translate to VPC Lattice in the local VPC.
 */
export const localTarget = (
  accountId = defaultAccountId,
  repository = 'file://local',
  provider: TargetProvider = 'appmesh',
): Target => ({
  id: localTargetId,
  source: { repository, branch: 'main', path: '.' },
  cluster: { name: 'local' },
  accountId,
  region: 'us-west-2',
  policy: { ...defaultTargetPolicy },
  // Nobody else makes Cloud Map namespaces in the local world: the local target is told to.
  cloudMap: { createNamespaces: { vpc: 'vpc-local' } },
  ...(provider === 'lattice' ? { provider, lattice: { vpcId: localVpcId, authType: 'NONE' as const } } : {}),
});

/** A DynamoDB client of the local world's table (dynalite takes any credentials). */
export const localDynamoClient = (endpoint: string) =>
  new DynamoDBClient({
    endpoint,
    region: 'us-west-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

/** RBAC kinds, which every real cluster serves, so manifests holding them apply locally too. */
const rbacResources: ResourceType[] = ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'].map(
  (kind) => ({
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    kind,
    plural: `${kind.toLowerCase()}s`,
    namespaced: !kind.startsWith('Cluster'),
  }),
);

export interface OpenLocalWorldOptions {
  /** The command line, named to whoever finds the world locked. */
  command?: string;
  /** The command writes (apply, drift --heal): one writer at a time, whether or not `local up` runs. */
  write?: boolean;
  /** How long to wait for the lock; 0 fails at once, naming the holder. */
  lockTimeoutMs?: number;
  /** The directory a plan or apply reads its manifests from: the target's source when `local up` set none. */
  sourceDir?: string;
  /**
   * The provider asked for on the command line. Absent: the one the world's target was registered with
   * (by `local up` or the first apply), else App Mesh.
   */
  provider?: TargetProvider;
}

/**
 * The local emulated world whose state lives in `stateDir`. When `meshcd local up` is running on that
 * directory, the commands talk to it; otherwise they start the emulators in-process on the same files, so
 * successive commands see the same world either way. One writer at a time: a writing command holds the
 * directory's lock until it closes the world, and so does any command that loads the files in-process (it
 * would save them back over a writer's); a reader talking to `local up` needs no lock.
 */
export async function openLocalWorld(stateDir: string, options: OpenLocalWorldOptions = {}): Promise<World> {
  const dir = resolve(stateDir);
  await mkdir(dir, { recursive: true });
  const running = await readLocalEndpoints(dir);
  const closers: Array<() => Promise<void>> = [];
  const inProcess = !(running?.endpoints.kube && running.endpoints.appmesh && running.endpoints.dynamodb);
  if (options.write || inProcess) {
    const release = await lockStateDir(dir, options.command ?? 'meshcd', {
      ...(options.lockTimeoutMs !== undefined ? { timeoutMs: options.lockTimeoutMs } : {}),
    });
    closers.push(release);
  }
  let appmeshEndpoint: string;
  let dynamodbEndpoint: string;
  let kubeEndpoint: string;
  if (running?.endpoints.kube) {
    kubeEndpoint = running.endpoints.kube;
  } else {
    // Persisted in <state>/kube.json, the same cluster `meshcd local kube` and `local up` serve.
    const kube = await startKubeEmulator({ stateDir: dir, extraResources: rbacResources });
    closers.push(() => kube.close());
    kubeEndpoint = kube.endpoint;
  }
  let cloudmapEndpoint: string;
  if (running?.endpoints.cloudmap) {
    cloudmapEndpoint = running.endpoints.cloudmap;
  } else {
    const cloudmap = await startCloudMapEmulator({ stateDir: dir });
    closers.push(() => cloudmap.close());
    cloudmapEndpoint = cloudmap.endpoint;
  }
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
  const client = localDynamoClient(dynamodbEndpoint);
  await createStateTable(client, localTableName);
  const state = createDynamoStateStore({ client, tableName: localTableName });
  let target: Target;
  try {
    target = await localWorldTarget(state, running?.endpoints.repository, options);
  } catch (error) {
    client.destroy();
    for (const close of closers.reverse()) await close();
    throw error;
  }
  const lattice =
    target.provider === 'lattice' ? await localLattice(dir, running, target, closers) : undefined;
  const cloudMapClient = cloudMapClientFor(
    { endpoint: cloudmapEndpoint, region: target.region },
    target.accountId,
  );
  return {
    target,
    mesh: createMeshApi({
      client: appMeshClientFor(
        { endpoint: appmeshEndpoint, accountId: target.accountId },
        { maxAttempts: 1 },
      ),
    }),
    state,
    cluster: createClusterApi({
      // The local kubeconfig's administrator: `local up` runs the cluster in EKS mode.
      kubeConfig: buildKubeConfig({ endpoint: kubeEndpoint, token: localAdminToken }),
    }),
    cloudMap: createCloudMapApi({ client: cloudMapClient, pollMs: 100 }),
    ...(lattice ? { lattice: lattice.api } : {}),
    description: running ? `local stack at ${appmeshEndpoint}` : `local state in ${dir}`,
    close: async () => {
      client.destroy();
      cloudMapClient.destroy();
      lattice?.client.destroy();
      for (const close of closers.reverse()) await close();
    },
  };
}

const providerName: Record<TargetProvider, string> = { appmesh: 'App Mesh', lattice: 'VPC Lattice' };

/**
 * The local target's provider: the one asked for, else the one it was registered with (by `local up` or
 * the first apply), else App Mesh. Asking for another than the registered one is refused: switching would
 * leave everything applied on the other service owned by no target.
 */
export function localProvider(
  registered: Target | undefined,
  asked: TargetProvider | undefined,
): TargetProvider {
  const provider = asked ?? registered?.provider ?? 'appmesh';
  const was = registered?.provider ?? 'appmesh';
  if (registered && was !== provider) {
    throw new CommandLineError(
      'provider-mismatch',
      `the local world's target '${localTargetId}' reconciles into ${providerName[was]}, not ${providerName[provider]}; use another --state for ${providerName[provider]}`,
    );
  }
  return provider;
}

/**
 * VPC Lattice for a Lattice target: the one `local up` runs, else an emulator in-process on the state
 * directory's `lattice.json`, so successive commands see the same Lattice either way.
 */
async function localLattice(
  dir: string,
  running: LocalEndpoints | undefined,
  target: Target,
  closers: Array<() => Promise<void>>,
): Promise<{ api: LatticeApi; client: VPCLatticeClient }> {
  let endpoint = running?.endpoints.lattice;
  if (!endpoint) {
    const emulator = await startLatticeEmulator({ stateDir: dir });
    closers.push(() => emulator.close());
    endpoint = emulator.endpoint;
  }
  const client = latticeClientFor({ endpoint, accountId: target.accountId }, { maxAttempts: 1 });
  return { api: createLatticeApi({ client, pollMs: 20 }), client };
}

/**
 * The local target, with the source it really has: the repository `local up` registered (its git
 * server), else the directory this command reads, recorded by an apply so status names it later.
 */
async function localWorldTarget(
  registry: Pick<TargetRegistry, 'getTarget' | 'putTarget'>,
  repository: string | undefined,
  options: OpenLocalWorldOptions,
): Promise<Target> {
  const registered = await registry.getTarget(localTargetId);
  const provider = localProvider(registered, options.provider);
  const target = localTarget(undefined, repository, provider);
  if (registered) return { ...target, source: registered.source };
  if (repository || options.sourceDir === undefined) return target;
  const fromDir = {
    ...target,
    source: { repository: pathToFileURL(resolve(options.sourceDir)).href, branch: '', path: '.' },
  };
  if (options.write) await registry.putTarget(fromDir);
  return fromDir;
}
