import {
  CreatePrivateDnsNamespaceCommand,
  CreateServiceCommand,
  GetOperationCommand,
  type ServiceDiscoveryClient,
} from '@aws-sdk/client-servicediscovery';
import {
  type CloudMapEmulatorHandle,
  type CloudMapEmulatorOptions,
  cloudMapClientFor,
  startCloudMapEmulator,
} from '../../../packages/emulators/src/cloudmap/index.ts';

export interface CloudMapFixture {
  handle: CloudMapEmulatorHandle;
  client: ServiceDiscoveryClient;
  /** Moves the emulator's clock (asynchronous operations and health delays run on it). */
  advance(ms: number): void;
  close(): Promise<void>;
}

/** An emulator on a free loopback port with its own clock, driven by the real SDK client. */
export async function startCloudMapFixture(options: CloudMapEmulatorOptions = {}): Promise<CloudMapFixture> {
  let now = 1_800_000_000_000;
  const handle = await startCloudMapEmulator({ now: () => now, ...options });
  const client = cloudMapClientFor(handle);
  return {
    handle,
    client,
    advance: (ms) => {
      now += ms;
    },
    close: async () => {
      client.destroy();
      await handle.close();
    },
  };
}

/** Creates a private DNS namespace and waits for its operation; returns its id. */
export async function privateNamespace(client: ServiceDiscoveryClient, name: string): Promise<string> {
  const { OperationId } = await client.send(
    new CreatePrivateDnsNamespaceCommand({ Name: name, Vpc: 'vpc-0abc' }),
  );
  const { Operation } = await client.send(new GetOperationCommand({ OperationId }));
  if (Operation?.Status !== 'SUCCESS') throw new Error(`namespace ${name}: operation ${Operation?.Status}`);
  return Operation.Targets?.NAMESPACE as string;
}

/** A service as the App Mesh controller creates it: MULTIVALUE A records, custom health check. */
export async function controllerService(client: ServiceDiscoveryClient, namespaceId: string, name: string) {
  const { Service } = await client.send(
    new CreateServiceCommand({
      Name: name,
      NamespaceId: namespaceId,
      DnsConfig: { RoutingPolicy: 'MULTIVALUE', DnsRecords: [{ Type: 'A', TTL: 300 }] },
      HealthCheckCustomConfig: { FailureThreshold: 1 },
    }),
  );
  return Service!;
}

/** Runs `fn` and returns the SDK error it threw, failing the test when it did not throw. */
export async function errorOf(fn: () => Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await fn();
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
