import { createRequire } from 'node:module';
import { invokedFunction, type LocalFunctionName } from '@meshcd/cli';

/** One AWS call a function made: its IAM action, the command's input and the client's region. */
export interface AwsCall {
  fn: LocalFunctionName;
  action: string;
  input: Record<string, unknown>;
  region: string;
  /** The tags of the resource the call acts on, read just before it is sent (aws:ResourceTag/<key>). */
  resourceTags?: Record<string, string>;
  /** The role whose assumed session signed the call (a target in another account); the function's own role when absent. */
  role?: string;
}

/** What the recorder is told about the world: resource tags, and which access keys are role sessions. */
export interface RecordingWorld {
  resourceTags?: ResourceTagLookup;
  /** The role an access key id is a session of, when STS issued it. */
  roleOf?: (accessKeyId: string) => string | undefined;
}

/** Reads the tags of the resource a call acts on from the emulator that holds it; undefined when not known. */
export type ResourceTagLookup = (call: AwsCall) => Record<string, string> | undefined;

/**
 * The IAM service prefix of each SDK client, by the client's `serviceId`. A client missing here fails
 * the check by name: adding one (VPC Lattice, STS …) means adding its prefix, nothing else.
 */
export const iamPrefixOfService: Record<string, string> = {
  'App Mesh': 'appmesh',
  DynamoDB: 'dynamodb',
  EKS: 'eks',
  EventBridge: 'events',
  'Secrets Manager': 'secretsmanager',
  'Service Quotas': 'servicequotas',
  ServiceDiscovery: 'servicediscovery',
  STS: 'sts',
  'VPC Lattice': 'vpc-lattice',
};

/** lib-dynamodb's document commands send the item operations under shorter names. */
const documentCommandActions: Record<string, string> = {
  Get: 'GetItem',
  Put: 'PutItem',
  Delete: 'DeleteItem',
  Update: 'UpdateItem',
  Query: 'Query',
  Scan: 'Scan',
  BatchGet: 'BatchGetItem',
  BatchWrite: 'BatchWriteItem',
  TransactGet: 'TransactGetItems',
  TransactWrite: 'TransactWriteItems',
};

/** Operations IAM authorizes as another action (Service Authorization Reference), by IAM prefix. */
const authorizedAs: Record<string, Record<string, string>> = {
  'vpc-lattice': { BatchUpdateRule: 'UpdateRule' },
};

interface SmithyClient {
  config: {
    serviceId?: string;
    region: () => Promise<string>;
    credentials?: { accessKeyId: string } | (() => Promise<{ accessKeyId: string }>);
  };
}
type Send = (this: SmithyClient, command: { input: Record<string, unknown> }, ...rest: unknown[]) => unknown;

/**
 * Records every command any AWS SDK client sends while a local function runs (calls outside a function
 * invocation, the test's own, are not recorded). Every SDK client shares smithy's `Client.send`, so
 * wrapping it sees the calls of every adapter without the adapters knowing. The resource's tags are read
 * before the command is sent, as IAM would see them when it authorizes it. `stop` restores `send` and
 * returns the calls.
 */
export function recordAwsCalls(world: RecordingWorld = {}): {
  stop: () => Promise<AwsCall[]>;
} {
  const { Client } = createRequire(import.meta.url)('@smithy/core/client') as {
    Client: { prototype: { send: Send } };
  };
  const original = Client.prototype.send;
  const calls: AwsCall[] = [];
  const pending: Promise<void>[] = [];
  Client.prototype.send = function (this: SmithyClient, command, ...rest) {
    const fn = invokedFunction.getStore();
    if (fn) {
      const serviceId = this.config.serviceId ?? '';
      const prefix = iamPrefixOfService[serviceId];
      if (!prefix) throw new Error(`AWS call through client '${serviceId}', which has no IAM prefix here`);
      const name = command.constructor.name.replace(/Command$/, '');
      const action =
        documentCommandActions[name] && prefix === 'dynamodb'
          ? documentCommandActions[name]
          : (authorizedAs[prefix]?.[name] ?? name);
      const call: AwsCall = { fn, action: `${prefix}:${action}`, input: command.input, region: '' };
      const tags = world.resourceTags?.(call);
      if (tags) call.resourceTags = tags;
      const credentials = this.config.credentials;
      pending.push(
        Promise.all([
          this.config.region(),
          typeof credentials === 'function' ? credentials() : credentials,
        ]).then(([region, identity]) => {
          const role = identity ? world.roleOf?.(identity.accessKeyId) : undefined;
          calls.push({ ...call, region, ...(role ? { role } : {}) });
        }),
      );
    }
    return original.call(this, command, ...rest);
  };
  return {
    stop: async () => {
      Client.prototype.send = original;
      await Promise.all(pending);
      return calls;
    },
  };
}
