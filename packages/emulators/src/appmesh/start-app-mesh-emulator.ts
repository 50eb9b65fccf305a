import { randomUUID } from 'node:crypto';
import type { CallRecord } from '../aws-common/call-log.ts';
import { serveEmulator } from '../aws-common/serve-emulator.ts';
import { appMeshRestService } from './app-mesh-http.ts';
import { AppMeshService } from './app-mesh-service.ts';
import { type Knobs, makeKnobs } from './knobs.ts';
import type { OperationName } from './model.generated.ts';
import { loadState, saveState } from './persistence.ts';
import type { AppMeshServiceConfig } from './service-config.ts';
import { type AppMeshState, emptyState } from './service-state.ts';

export const defaultAccountId = '111122223333';

export interface AppMeshEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Load `<stateDir>/appmesh.json` at start and rewrite it after every successful write. */
  stateDir?: string;
  /** Default us-west-2. */
  region?: string;
  /** Account of callers whose access key id is neither 12 digits nor in `accessKeys`. Default 111122223333. */
  accountId?: string;
  /** Access key id → account id. */
  accessKeys?: Record<string, string>;
  knobs?: Partial<Knobs>;
}

/** An opaque copy of the emulator's whole state. */
export interface AppMeshSnapshot {
  readonly state: AppMeshState;
}

export interface AppMeshEmulatorHandle {
  /** `http://127.0.0.1:PORT`, for the SDK's `endpoint` option. */
  readonly endpoint: string;
  readonly port: number;
  readonly region: string;
  readonly accountId: string;
  /** Mutable at runtime. */
  readonly knobs: Knobs;
  /** Every request handled since start or the last `resetCalls()`. */
  readonly calls: readonly CallRecord<OperationName>[];
  resetCalls(): void;
  snapshot(): AppMeshSnapshot;
  restore(snapshot: AppMeshSnapshot): void;
  /** Shares a mesh with another account, as AWS RAM would. */
  shareMesh(meshName: string, ownerAccount: string, consumerAccount: string): void;
  unshareMesh(meshName: string, ownerAccount: string, consumerAccount: string): void;
  close(): Promise<void>;
}

/** Starts the App Mesh API emulator on 127.0.0.1 (a free port unless one is given). */
export async function startAppMeshEmulator(
  options: AppMeshEmulatorOptions = {},
): Promise<AppMeshEmulatorHandle> {
  const region = options.region ?? 'us-west-2';
  const accountId = options.accountId ?? defaultAccountId;
  const knobs = makeKnobs(options.knobs);
  const config: AppMeshServiceConfig = {
    region,
    // Knobs may be replaced wholesale at runtime, so the service reads them on each call.
    get quotas() {
      return knobs.quotas;
    },
    get behaviours() {
      return knobs.behaviours;
    },
    now: () => Date.now() / 1000,
    newUid: randomUUID,
  };
  const service = new AppMeshService(
    (options.stateDir && loadState(options.stateDir)) || emptyState(),
    config,
  );
  const persist = () => {
    if (options.stateDir) saveState(options.stateDir, service.state);
  };
  const served = await serveEmulator({
    service: appMeshRestService(service),
    holder: service,
    knobs,
    persist,
    accessKeys: options.accessKeys ?? {},
    defaultAccount: accountId,
    nowMs: Date.now,
    port: options.port,
    host: options.host,
  });

  return {
    ...served,
    region,
    accountId,
    knobs,
    shareMesh: (meshName, owner, consumer) => {
      service.shareMesh(meshName, owner, consumer);
      persist();
    },
    unshareMesh: (meshName, owner, consumer) => {
      service.unshareMesh(meshName, owner, consumer);
      persist();
    },
  };
}
