import { randomBytes } from 'node:crypto';
import type { CallRecord } from '../aws-common/call-log.ts';
import { loadJsonState, saveJsonState } from '../aws-common/persistence.ts';
import { serveEmulator } from '../aws-common/serve-emulator.ts';
import { type LatticeKnobOverrides, type LatticeKnobs, makeLatticeKnobs } from './knobs.ts';
import { latticeRestService } from './lattice-http.ts';
import { LatticeService } from './lattice-service.ts';
import type { OperationName } from './model.generated.ts';
import type { HealthSource, LatticeServiceConfig } from './service-config.ts';
import { emptyState, type LatticeState } from './service-state.ts';

export const latticeStateFile = 'lattice.json';
export const defaultLatticeAccountId = '111122223333';

export interface LatticeEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Load `<stateDir>/lattice.json` at start and rewrite it after every successful write. */
  stateDir?: string;
  /** Default us-west-2. */
  region?: string;
  /** Account of callers whose access key id is neither 12 digits nor in `accessKeys`. Default 111122223333. */
  accountId?: string;
  /** Access key id → account id. */
  accessKeys?: Record<string, string>;
  knobs?: LatticeKnobOverrides;
  /** Target health from outside (e.g. pod readiness in the Kubernetes emulator); knobs decide where it says nothing. */
  healthSource?: HealthSource;
  /** Epoch milliseconds; replace for deterministic lifecycle tests. */
  nowMs?: () => number;
}

/** An opaque copy of the emulator's whole state. */
export interface LatticeSnapshot {
  readonly state: LatticeState;
}

export interface LatticeEmulatorHandle {
  /** `http://127.0.0.1:PORT`, for the SDK's `endpoint` option. */
  readonly endpoint: string;
  readonly port: number;
  readonly region: string;
  readonly accountId: string;
  /** Mutable at runtime. */
  readonly knobs: LatticeKnobs;
  /** Every request handled since start or the last `resetCalls()`. */
  readonly calls: readonly CallRecord<OperationName>[];
  resetCalls(): void;
  snapshot(): LatticeSnapshot;
  restore(snapshot: LatticeSnapshot): void;
  /** Shares a service network or service (by id) with another account, as AWS RAM would. */
  share(resourceId: string, consumerAccount: string): void;
  /**
   * The tags of a resource by id or ARN (undefined when there is none), as IAM reads them for the
   * `aws:ResourceTag` condition keys of a request on it.
   */
  tagsOf(idOrArn: string): Record<string, string> | undefined;
  /** Replaces the health source (undefined: knobs only). */
  setHealthSource(source: HealthSource | undefined): void;
  close(): Promise<void>;
}

const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
const newIdSuffix = () => [...randomBytes(17)].map((b) => alphabet[b % alphabet.length]).join('');

/** Starts the VPC Lattice API emulator on 127.0.0.1 (a free port unless one is given). */
export async function startLatticeEmulator(
  options: LatticeEmulatorOptions = {},
): Promise<LatticeEmulatorHandle> {
  const region = options.region ?? 'us-west-2';
  const accountId = options.accountId ?? defaultLatticeAccountId;
  const knobs = makeLatticeKnobs(options.knobs);
  const nowMs = options.nowMs ?? Date.now;
  let healthSource = options.healthSource;
  const config: LatticeServiceConfig = {
    region,
    // Knobs may be replaced wholesale at runtime, so the service reads them on each call.
    get quotas() {
      return knobs.quotas;
    },
    get behaviours() {
      return knobs.behaviours;
    },
    get timing() {
      return knobs.timing;
    },
    get targetHealth() {
      return knobs.targetHealth;
    },
    get defaultTargetHealth() {
      return knobs.defaultTargetHealth;
    },
    get healthSource() {
      return healthSource;
    },
    nowMs,
    newIdSuffix,
  };
  const loaded = options.stateDir
    ? loadJsonState<Partial<LatticeState>>(options.stateDir, latticeStateFile, 'VPC Lattice emulator')
    : undefined;
  const service = new LatticeService({ ...emptyState(), ...loaded }, config);
  const persist = () => {
    if (options.stateDir) saveJsonState(options.stateDir, latticeStateFile, service.state);
  };
  // Seconds until the emptier bucket has a token again.
  const retryAfter = () => {
    const rate = Math.min(knobs.readRate?.perSecond ?? Infinity, knobs.writeRate?.perSecond ?? Infinity);
    return Number.isFinite(rate) && rate > 0 ? Math.max(1, Math.ceil(1 / rate)) : 1;
  };
  const served = await serveEmulator({
    service: latticeRestService(service, retryAfter),
    holder: service,
    knobs,
    persist,
    accessKeys: options.accessKeys ?? {},
    defaultAccount: accountId,
    nowMs,
    port: options.port,
    host: options.host,
  });

  return {
    ...served,
    region,
    accountId,
    knobs,
    share: (resourceId, consumer) => {
      service.share(resourceId, consumer);
      persist();
    },
    tagsOf: (idOrArn) => {
      const found = Object.values(service.state.resources).find((r) => r.id === idOrArn || r.arn === idOrArn);
      return found ? { ...found.tags } : undefined;
    },
    setHealthSource: (source) => {
      healthSource = source;
    },
  };
}
