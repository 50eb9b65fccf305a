import * as sdk from '@aws-sdk/client-vpc-lattice';
import {
  type LatticeEmulatorHandle,
  type LatticeEmulatorOptions,
  latticeClientFor,
  startLatticeEmulator,
} from '../../../packages/emulators/src/lattice/index.ts';
import { clientPool } from '../sdk-clients.ts';

export const owner = '111122223333';
export const other = '444455556666';
export const vpc = 'vpc-0123456789abcdef0';

export interface LatticeFixture {
  handle: LatticeEmulatorHandle;
  /** The default account, one attempt: tests see the first answer, not a retried one. */
  client: sdk.VPCLatticeClient;
  clientAs(accountId: string, maxAttempts?: number): sdk.VPCLatticeClient;
  close(): Promise<void>;
}

/** Starts an emulator on a free loopback port with clients that use the real SDK. */
export async function startFixture(options: LatticeEmulatorOptions = {}): Promise<LatticeFixture> {
  const handle = await startLatticeEmulator({ accountId: owner, ...options });
  const pool = clientPool((accountId, maxAttempts) => latticeClientFor(handle, { accountId, maxAttempts }));
  return {
    handle,
    client: pool.clientAs(owner),
    clientAs: pool.clientAs,
    close: async () => {
      pool.destroyAll();
      await handle.close();
    },
  };
}

export { errorOf } from '../sdk-clients.ts';

export const forward = (...targetGroupIdentifiers: string[]) => ({
  forward: {
    targetGroups: targetGroupIdentifiers.map((targetGroupIdentifier) => ({
      targetGroupIdentifier,
      weight: 1,
    })),
  },
});
export const notFoundAction = { fixedResponse: { statusCode: 404 } };
export const pathMatch = (prefix: string) => ({ httpMatch: { pathMatch: { match: { prefix } } } });

/** A service with one HTTP listener forwarding to a fresh IP target group. */
export async function serviceWithListener(client: sdk.VPCLatticeClient, name: string) {
  const service = await client.send(new sdk.CreateServiceCommand({ name }));
  const tg = await client.send(
    new sdk.CreateTargetGroupCommand({
      name: `${name}-tg`,
      type: 'IP',
      config: { protocol: 'HTTP', port: 8080, vpcIdentifier: vpc },
    }),
  );
  const listener = await client.send(
    new sdk.CreateListenerCommand({
      serviceIdentifier: service.id,
      name: 'http',
      protocol: 'HTTP',
      defaultAction: forward(tg.id as string),
    }),
  );
  return { service, tg, listener };
}

export const createNetwork = (client: sdk.VPCLatticeClient, name: string) =>
  client.send(new sdk.CreateServiceNetworkCommand({ name }));

/** Creates rules on one listener: a name, a priority, a path match on `/<name>` and (default) a fixed 404. */
export const ruleMaker =
  (
    client: sdk.VPCLatticeClient,
    serviceIdentifier: string | undefined,
    listenerIdentifier: string | undefined,
  ) =>
  (name: string, priority: number, action: sdk.RuleAction = notFoundAction) =>
    client.send(
      new sdk.CreateRuleCommand({
        serviceIdentifier,
        listenerIdentifier,
        name,
        priority,
        match: pathMatch(`/${name}`),
        action,
      }),
    );
