import { randomBytes } from 'node:crypto';
import { createAwsJsonHandler } from '../aws-common/aws-json-handler.ts';
import type { CallRecord } from '../aws-common/call-log.ts';
import { loadJsonState, saveJsonState } from '../aws-common/persistence.ts';
import { type ServedEmulator, serveProtocol } from '../aws-common/serve-emulator.ts';
import { AwsServiceError } from '../aws-common/service-error.ts';
import type { CloudMapServiceConfig } from './cloud-map-context.ts';
import { CloudMapError } from './cloud-map-errors.ts';
import { CloudMapService, isCloudMapWrite } from './cloud-map-service.ts';
import { type CloudMapState, emptyCloudMapState } from './cloud-map-state.ts';
import { type CloudMapKnobs, makeCloudMapKnobs } from './knobs.ts';
import { type OperationName, operationNames, targetPrefix } from './model.generated.ts';

export const cloudMapStateFile = 'cloudmap.json';

export interface CloudMapEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Load `<stateDir>/cloudmap.json` at start and rewrite it after every change. */
  stateDir?: string;
  /** Default us-west-2. */
  region?: string;
  /** Account of callers whose access key id is neither 12 digits nor in `accessKeys`. Default 111122223333. */
  accountId?: string;
  accessKeys?: Record<string, string>;
  knobs?: Partial<CloudMapKnobs>;
  /** Epoch milliseconds; the clock asynchronous operations and health delays run on. */
  now?: () => number;
}

/** A handled request; `host` shows whether a data-plane call went to the `data-` host prefix. */
export type CloudMapCallRecord = CallRecord<OperationName> & { host?: string };

export interface CloudMapSnapshot {
  readonly state: CloudMapState;
}

/** The endpoint is for the SDK's `endpoint` option, with `disableHostPrefix` (see cloudMapClientFor). */
export interface CloudMapEmulatorHandle extends ServedEmulator<OperationName, CloudMapState> {
  readonly region: string;
  readonly accountId: string;
  readonly knobs: CloudMapKnobs;
  readonly calls: readonly CloudMapCallRecord[];
}

const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
const newId = (length: number): string =>
  Array.from(randomBytes(length), (b) => alphabet[b % alphabet.length]).join('');

/** Starts the Cloud Map (servicediscovery) emulator, awsJson1_1 over HTTP, on loopback. */
export async function startCloudMapEmulator(
  options: CloudMapEmulatorOptions = {},
): Promise<CloudMapEmulatorHandle> {
  const region = options.region ?? 'us-west-2';
  const accountId = options.accountId ?? '111122223333';
  const knobs = makeCloudMapKnobs(options.knobs);
  const now = options.now ?? Date.now;
  const config: CloudMapServiceConfig = {
    region,
    now,
    newId,
    // Knobs may change at runtime, so the service reads them on each call.
    get operationDelayMs() {
      return knobs.operationDelayMs;
    },
    get customHealthDelayMs() {
      return knobs.customHealthDelayMs;
    },
    get quotas() {
      return knobs.quotas;
    },
  };
  const loaded = options.stateDir
    ? loadJsonState<Partial<CloudMapState>>(options.stateDir, cloudMapStateFile, 'Cloud Map emulator')
    : undefined;
  const service = new CloudMapService({ ...emptyCloudMapState(), ...loaded }, config);
  const persist = () => {
    if (options.stateDir) saveJsonState(options.stateDir, cloudMapStateFile, service.state);
  };
  const served = await serveProtocol<OperationName, CloudMapState, CloudMapCallRecord>({
    holder: service,
    persist,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.host ? { host: options.host } : {}),
    handlerFor: (calls) =>
      createAwsJsonHandler<OperationName, CloudMapError['type']>({
        service: {
          targetPrefix,
          operationNames,
          execute: (operation, input, account) => {
            // Completing a due operation is a change even when the call itself only reads.
            if (service.settle() && !isCloudMapWrite(operation)) persist();
            return service.execute(operation, input, account);
          },
          isWrite: isCloudMapWrite,
          summaryMembers:
            /^(Id|Name|ServiceId|InstanceId|NamespaceId|NamespaceName|ServiceName|OperationId|ResourceARN|CreatorRequestId|MaxResults|NextToken)$/,
          errors: {
            unknownOperation: (target) =>
              new AwsServiceError(
                'UnknownOperationException',
                400,
                `Unknown operation ${target || '(no X-Amz-Target)'}`,
              ),
            malformedBody: (message) => new CloudMapError('InvalidInput', message),
            throttled: (operation) =>
              new CloudMapError('ThrottlingException', `Rate exceeded for ${operation}`),
            injected: (type, message) => new CloudMapError(type, message),
          },
        },
        knobs,
        calls,
        accessKeys: options.accessKeys ?? {},
        defaultAccount: accountId,
        onWrite: persist,
        nowMs: now,
      }),
  });
  return { ...served, region, accountId, knobs };
}
