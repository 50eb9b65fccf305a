import { AppMeshClient } from '@aws-sdk/client-app-mesh';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createMeshApi } from '@meshcd/appmesh';
import type { ClusterApi, MeshApi, Target } from '@meshcd/core';
import { MeshcdError } from '@meshcd/core';
import { credentialsFromSecret, fetchManifestTree, type ManifestTree } from '@meshcd/source';
import { createDynamoStateStore, type MeshcdStateStore } from '@meshcd/state';
import { createEventPublisher, type EventPublisher } from './event-publisher.ts';
import type { RuntimeConfig } from './runtime-config.ts';

/** The adapters a use case needs, built from the configuration. */
export interface Ports {
  state: MeshcdStateStore;
  events: EventPublisher;
  /** One throttled MeshApi per account and region: the token buckets are per account and region. */
  meshApiFor(target: Target): MeshApi;
  /** The target's manifest tree at `revision`, with its git credentials when it names a secret. */
  fetchSource(target: Target, revision: string): Promise<ManifestTree>;
  /** The cluster side, once a cluster adapter is wired; cluster events are logged and dropped without it. */
  cluster?: ClusterApi;
}

/** Optional client overrides, for tests (a capturing EventBridge double) and the local stack. */
export interface PortOverrides {
  eventBridge?: Parameters<typeof createEventPublisher>[0];
  credentials?: { accessKeyId: string; secretAccessKey: string };
  cluster?: ClusterApi;
}

/**
 * Builds the clients once per cold start. Endpoint overrides point them at the emulators in local mode;
 * in AWS they are unset and the SDK resolves the regional endpoints and the function's role.
 */
export function createPorts(config: RuntimeConfig, overrides: PortOverrides = {}): Ports {
  const common = (endpoint: string | undefined, region = config.region) => ({
    region,
    ...(endpoint ? { endpoint } : {}),
    ...(overrides.credentials ? { credentials: overrides.credentials } : {}),
  });
  const state = createDynamoStateStore({
    client: new DynamoDBClient(common(config.endpoints.dynamoDb)),
    tableName: config.tableName,
  });
  const events = createEventPublisher(
    overrides.eventBridge ?? new EventBridgeClient(common(config.endpoints.eventBridge)),
    config.busName,
  );
  const meshApis = new Map<string, MeshApi>();
  const meshApiFor = (target: Target) => {
    const key = `${target.accountId}/${target.region}`;
    let api = meshApis.get(key);
    if (!api) {
      api = createMeshApi({ client: new AppMeshClient(common(config.endpoints.appMesh, target.region)) });
      meshApis.set(key, api);
    }
    return api;
  };
  let secrets: SecretsManagerClient | undefined;
  const readSecret = async (name: string): Promise<string> => {
    const handedOver = config.gitCredentials[name];
    if (handedOver !== undefined) return handedOver;
    secrets ??= new SecretsManagerClient(common(config.endpoints.secretsManager));
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
        message: `git credentials secret '${name}': ${(error as Error).message}`,
        cause: error,
      });
    }
  };
  const fetchSource = async (target: Target, revision: string) => {
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
  return {
    state,
    events,
    meshApiFor,
    fetchSource,
    ...(overrides.cluster ? { cluster: overrides.cluster } : {}),
  };
}
