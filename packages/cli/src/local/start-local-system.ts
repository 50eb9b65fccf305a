import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { TargetProvider } from '@meshcd/core';
import {
  type GitHostApiHandle,
  type GitServerHandle,
  type KubeEmulatorHandle,
  podReadinessHealth,
  startAppMeshEmulator,
  startCloudMapEmulator,
  startGitHostApi,
  startKubeEmulator,
  startLatticeEmulator,
  startLocalStack,
} from '@meshcd/emulators';
import { createDynamoStateStore, createStateTable } from '@meshcd/state';
import { removeLocalEndpoints, writeLocalEndpoints } from '../world/local-endpoints.ts';
import {
  localDynamoClient,
  localProvider,
  localTableName,
  localTarget,
  localTargetId,
} from '../world/open-local-world.ts';
import type { EventLogEntry } from './event-log.ts';
import { localAdminToken, localEksMode } from './local-eks.ts';
import type { LocalPorts } from './local-ports.ts';
import { bridgePodEvents } from './pod-event-bridge.ts';
import { startLocalPipeline } from './start-local-pipeline.ts';

/** The repository the local target follows, on the local git server. */
export const localRepository = 'mesh-config';

/** The webhook secret of this state directory: made once, kept in the directory for senders to read. */
async function webhookSecret(path: string): Promise<string> {
  const existing = await readFile(path, 'utf8').catch(() => undefined);
  if (existing) return existing.trim();
  const secret = randomBytes(24).toString('hex');
  await writeFile(path, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** The local target's provider, checked against the one this state directory's target was registered with. */
async function registeredProvider(dynamodb: string, asked: TargetProvider | undefined) {
  const client = localDynamoClient(dynamodb);
  try {
    await createStateTable(client, localTableName);
    const registered = await createDynamoStateStore({ client, tableName: localTableName }).getTarget(
      localTargetId,
    );
    return localProvider(registered, asked);
  } finally {
    client.destroy();
  }
}

export interface LocalSystem {
  /** Every endpoint by name, as `local up` prints them. */
  endpoints: Record<string, string>;
  /** The git server, for pushing commits to the target's repository. */
  git: GitServerHandle;
  /** The Git host API the local target posts its commit statuses to. */
  gitHost: GitHostApiHandle;
  close(): Promise<void>;
}

export interface LocalSystemOptions {
  /** Where the local target's manifests go: App Mesh (default) or VPC Lattice. */
  provider?: TargetProvider;
  /** Called once per event the system handles (pushes, reconcile outcomes, drift found). */
  onEvent?: (entry: EventLogEntry) => void;
  /** The port of each server; a free one for any not given. */
  ports?: LocalPorts;
}

/** The repository's name on the local Git host API, where its commit statuses appear. */
export const localStatusRepository = `local/${localRepository}`;
const gitHostTokenSecret = 'local-git-host-token';

/**
 * Starts the whole local system on the state directory: emulators, DynamoDB, git, the event bus and the
 * functions behind a webhook URL. Its endpoints go into `<state>/endpoints.json`, where
 * `plan|apply|drift --local` find and use them while it runs.
 */
export async function startLocalSystem(
  state: string,
  options: LocalSystemOptions = {},
): Promise<LocalSystem> {
  const stateDir = resolve(state);
  const kubeconfig = resolve(stateDir, 'kubeconfig');
  let cluster: KubeEmulatorHandle | undefined;
  const ports = options.ports ?? {};
  const stack = await startLocalStack({
    stateDir,
    ports,
    services: {
      appmesh: async (at) => startAppMeshEmulator(at),
      cloudmap: async (at) => startCloudMapEmulator(at),
      kube: async ({ stateDir: dir, port }) => {
        // EKS mode: the functions reach the cluster as they reach EKS. kubectl sends no token over plain
        // HTTP, so a request without one is the local administrator's.
        const mode = localEksMode(localTarget());
        const eks = { ...mode, anonymous: mode.staticTokens[localAdminToken]! };
        const kube = await startKubeEmulator({ ...(dir ? { stateDir: dir } : {}), port: port ?? 0, eks });
        kube.writeKubeconfig(kubeconfig);
        cluster = kube;
        return kube;
      },
      // After the cluster: Lattice target health follows the readiness of its pods, by pod IP.
      lattice: async (at) => {
        const lattice = await startLatticeEmulator(at);
        if (!cluster) return lattice;
        const pods = podReadinessHealth(cluster);
        lattice.setHealthSource(pods.health);
        return {
          endpoint: lattice.endpoint,
          close: async () => {
            pods.stop();
            await lattice.close();
          },
        };
      },
    },
  });
  const gitHostToken = randomBytes(16).toString('hex');
  let gitHost: GitHostApiHandle | undefined;
  try {
    const provider = await registeredProvider(stack.endpoints.dynamodb!, options.provider);
    gitHost = await startGitHostApi({ token: gitHostToken, port: ports.commitStatusApi ?? 0 });
    const repository = await stack.git.createRepo(localRepository);
    const secretFile = resolve(stateDir, 'webhook-secret');
    const pipeline = await startLocalPipeline({
      appmesh: stack.endpoints.appmesh!,
      cloudmap: stack.endpoints.cloudmap!,
      lattice: stack.endpoints.lattice!,
      dynamodb: stack.endpoints.dynamodb!,
      kube: stack.endpoints.kube!,
      eks: true,
      driftEveryMs: 60_000,
      targets: [
        {
          ...localTarget(undefined, repository, provider),
          commitStatus: {
            provider: 'github',
            apiUrl: gitHost.githubApiUrl,
            repository: localStatusRepository,
            tokenSecret: gitHostTokenSecret,
          },
        },
      ],
      webhookSecret: await webhookSecret(secretFile),
      tableName: localTableName,
      secrets: { [gitHostTokenSecret]: gitHostToken },
      ports: { webhook: ports.webhook, eventbridge: ports.eventbridge },
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    });
    const target = localTarget(undefined, repository, provider);
    const unbridge = cluster
      ? bridgePodEvents(cluster, pipeline.eventBus.bus, target.cluster!.name)
      : () => {};
    const endpoints = {
      ...stack.endpoints,
      webhook: pipeline.webhook,
      eventbridge: pipeline.eventBus.endpoint,
      repository,
      commitStatusApi: gitHost.githubApiUrl,
      kubeconfig,
      webhookSecretFile: secretFile,
    };
    await writeLocalEndpoints(stateDir, { pid: process.pid, endpoints });
    return {
      endpoints,
      git: stack.git,
      gitHost,
      close: async () => {
        unbridge();
        await removeLocalEndpoints(stateDir);
        await pipeline.close();
        await gitHost?.close();
        await stack.close();
      },
    };
  } catch (error) {
    await gitHost?.close();
    await stack.close();
    throw error;
  }
}
