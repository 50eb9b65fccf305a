import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { CloudMapApi, ClusterApi, LatticeApi, MeshApi, Target, WorkloadChecker } from '@meshcd/core';
import { injectorOptions, MeshcdError, workloadChecker } from '@meshcd/core';
import type { ManifestTree } from '@meshcd/source';
import { createDynamoStateStore, type MeshcdStateStore } from '@meshcd/state';
import { clusterFor } from './cluster-for.ts';
import {
  type CommitStatusUpdate,
  postCommitStatus,
  statusContext,
} from './commit-status/post-commit-status.ts';
import { deployedTargets } from './deployed-targets.ts';
import { createEventPublisher, type EventPublisher } from './event-publisher.ts';
import type { RuntimeConfig } from './runtime-config.ts';
import { type Credentials, targetCredentials } from './target-credentials.ts';

/** The adapters a use case needs, built from the configuration. */
export interface Ports {
  state: MeshcdStateStore;
  /** The deployment's targets: from the table (written at deploy), or the environment in local mode. */
  targets(): Promise<Target[]>;
  events: EventPublisher;
  /** One throttled MeshApi per account and region: the token buckets are per account and region. */
  meshApiFor(target: Target): Promise<MeshApi>;
  /** The target's manifest tree at `revision`, with its git credentials when it names a secret. */
  fetchSource(target: Target, revision: string): Promise<ManifestTree>;
  /** The target's cluster (server-side apply, prune, injection), or undefined when it names none. */
  clusterFor(target: Target): Promise<ClusterApi | undefined>;
  /** Cloud Map in the target's account and region: services and instances of Cloud Map nodes. */
  cloudMapFor(target: Target): Promise<CloudMapApi>;
  /** VPC Lattice in the target's account and region, for targets whose provider is `lattice`. */
  latticeFor(target: Target): Promise<LatticeApi>;
  /** What checks one workload after a cluster event: the target's cluster, or the override. */
  workloadCheckerFor(target: Target): Promise<WorkloadChecker | undefined>;
  /** What a target's clients sign with: its role's session for another account, else the function's own. */
  credentialsOf(target: Target): Credentials | undefined;
  /** Posts a commit status through the target's Git host API, with the token from its secret. */
  commitStatus(target: Target, revision: string, update: CommitStatusUpdate): Promise<void>;
}

/** Optional client overrides, for tests (a capturing EventBridge double) and the local stack. */
export interface PortOverrides {
  eventBridge?: Parameters<typeof createEventPublisher>[0];
  credentials?: { accessKeyId: string; secretAccessKey: string };
  cluster?: WorkloadChecker;
  /** Where a target record the schema refuses is reported; the other targets are served without it. */
  onInvalidTarget?: (error: Error) => void;
}

/**
 * Builds the clients once per cold start. Endpoint overrides point them at the emulators in local mode;
 * in AWS they are unset and the SDK resolves the regional endpoints and the function's role. The App
 * Mesh, git and Secrets Manager adapters are imported on first use: the webhook receiver never needs
 * them, and its cold start should not pay for loading them.
 */
export function createPorts(config: RuntimeConfig, overrides: PortOverrides = {}): Ports {
  const common = (endpoint: string | undefined, region = config.region) => ({
    region,
    ...(endpoint ? { endpoint } : {}),
    ...(overrides.credentials ? { credentials: overrides.credentials } : {}),
  });
  // A target's own clients sign with its role when it names one (another account), else as the function.
  const credentialsOf = targetCredentials({
    region: config.region,
    ...(config.endpoints.sts ? { stsEndpoint: config.endpoints.sts } : {}),
    ...(overrides.credentials ? { own: overrides.credentials } : {}),
  });
  const targetClient = (endpoint: string | undefined, target: Target) => {
    const credentials = credentialsOf(target);
    return { ...common(endpoint, target.region), ...(credentials ? { credentials } : {}) };
  };
  /** Clients are shared per account and region, and per role: a role's session is its own identity. */
  const clientKey = (target: Target) => `${target.accountId}/${target.region}/${target.role?.arn ?? ''}`;
  const state = createDynamoStateStore({
    client: new DynamoDBClient(common(config.endpoints.dynamoDb)),
    tableName: config.tableName,
  });
  const events = createEventPublisher(
    overrides.eventBridge ?? new EventBridgeClient(common(config.endpoints.eventBridge)),
    config.busName,
  );
  const meshApis = new Map<string, Promise<MeshApi>>();
  const meshApiFor = (target: Target) => {
    const key = clientKey(target);
    let api = meshApis.get(key);
    if (!api) {
      api = (async () => {
        const [{ AppMeshClient }, { createMeshApi }] = await Promise.all([
          import('@aws-sdk/client-app-mesh'),
          import('@meshcd/appmesh'),
        ]);
        // maxAttempts 1: createMeshApi retries with its own jittered backoff under the token buckets; SDK
        // retries on top would multiply the attempts and bypass the buckets.
        const client = new AppMeshClient({
          ...targetClient(config.endpoints.appMesh, target),
          maxAttempts: 1,
        });
        const { read, write, burst } = config.appMeshRates;
        return createMeshApi({
          client,
          ...(read ? { readRate: read } : {}),
          ...(write ? { writeRate: write } : {}),
          ...(burst ? { burst } : {}),
        });
      })();
      meshApis.set(key, api);
    }
    return api;
  };
  const cloudMaps = new Map<string, Promise<CloudMapApi>>();
  const cloudMapFor = (target: Target) => {
    const key = clientKey(target);
    let api = cloudMaps.get(key);
    if (!api) {
      api = (async () => {
        const [{ ServiceDiscoveryClient }, { createCloudMapApi }] = await Promise.all([
          import('@aws-sdk/client-servicediscovery'),
          import('@meshcd/appmesh'),
        ]);
        const client = new ServiceDiscoveryClient({
          ...targetClient(config.endpoints.cloudMap, target),
          maxAttempts: 1,
          // With an endpoint override (the emulator) the data-plane `data-` host prefix would not resolve.
          ...(config.endpoints.cloudMap ? { disableHostPrefix: true } : {}),
        });
        return createCloudMapApi({ client });
      })();
      cloudMaps.set(key, api);
    }
    return api;
  };
  const lattices = new Map<string, Promise<LatticeApi>>();
  const latticeFor = (target: Target) => {
    const key = clientKey(target);
    let api = lattices.get(key);
    if (!api) {
      api = (async () => {
        const [{ VPCLatticeClient }, { createLatticeApi }] = await Promise.all([
          import('@aws-sdk/client-vpc-lattice'),
          import('@meshcd/lattice'),
        ]);
        // maxAttempts 1: the adapter retries under its own token buckets, as for App Mesh.
        const client = new VPCLatticeClient({
          ...targetClient(config.endpoints.lattice, target),
          maxAttempts: 1,
        });
        return createLatticeApi({ client });
      })();
      lattices.set(key, api);
    }
    return api;
  };
  const secretClients = new Map<string, import('@aws-sdk/client-secrets-manager').SecretsManagerClient>();
  const readSecret = async (name: string): Promise<string> => {
    const handedOver = config.gitCredentials[name];
    if (handedOver !== undefined) return handedOver;
    const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
    // A secret given by ARN lives in the ARN's region; a name, in the deployment's. The IAM grant
    // (infra/iam.ts credentialSecretArns) names them the same way.
    const region = secretRegion(name, config.region);
    let secrets = secretClients.get(region);
    if (!secrets) {
      secrets = new SecretsManagerClient(common(config.endpoints.secretsManager, region));
      secretClients.set(region, secrets);
    }
    try {
      const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: name }));
      if (SecretString === undefined) throw new Error('the secret has no string value');
      return SecretString;
    } catch (error) {
      const transient = (error as { $retryable?: unknown }).$retryable !== undefined;
      throw new MeshcdError({
        phase: 'source',
        reason: 'credentials-unavailable',
        retryable: transient,
        message: `secret '${name}': ${(error as Error).message}`,
        cause: error,
      });
    }
  };
  const fetchSource = async (target: Target, revision: string) => {
    const { credentialsFromSecret, fetchManifestTree } = await import('@meshcd/source');
    const { credentialsSecret } = target.source;
    const credentials = credentialsSecret
      ? credentialsFromSecret(await readSecret(credentialsSecret))
      : undefined;
    return fetchManifestTree({
      url: target.source.repository,
      ref: revision,
      branch: target.source.branch,
      path: target.source.path,
      ...(credentials ? { credentials } : {}),
    });
  };
  const commitStatus = async (target: Target, revision: string, update: CommitStatusUpdate) => {
    const config = target.commitStatus;
    if (!config) return;
    const token = (await readSecret(config.tokenSecret)).trim();
    await postCommitStatus(config, {
      token,
      sha: revision,
      context: statusContext(config, target.id),
      update,
    });
  };
  const clusters = clusterFor(config, credentialsOf);
  return {
    state,
    targets: deployedTargets(config.targets, state, {
      ...(overrides.onInvalidTarget ? { onInvalid: overrides.onInvalidTarget } : {}),
    }),
    events,
    meshApiFor,
    cloudMapFor,
    latticeFor,
    fetchSource,
    credentialsOf,
    clusterFor: clusters,
    workloadCheckerFor: async (target) => {
      if (overrides.cluster) return overrides.cluster;
      const cluster = await clusters(target);
      return (
        cluster && workloadChecker(cluster, { targetId: target.id, state, injector: injectorOptions(target) })
      );
    },
    commitStatus,
  };
}

/** Where a secret is read: the region of its ARN, or the deployment's for a secret given by name. */
export function secretRegion(secret: string, deploymentRegion: string): string {
  return secret.startsWith('arn:') ? (secret.split(':')[3] ?? deploymentRegion) : deploymentRegion;
}
