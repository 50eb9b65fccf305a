import type { AppMeshClient } from '@aws-sdk/client-app-mesh';
import {
  type AppMeshEmulatorHandle,
  type AppMeshEmulatorOptions,
  appMeshClientFor,
  startAppMeshEmulator,
} from '../../../packages/emulators/src/appmesh/index.ts';
import { clientPool } from '../sdk-clients.ts';

export const owner = '111122223333';
export const consumer = '444455556666';
export const stranger = '777788889999';

export interface EmulatorFixture {
  handle: AppMeshEmulatorHandle;
  /** The default account, one attempt: tests see the first answer, not a retried one. */
  client: AppMeshClient;
  clientAs(accountId: string, maxAttempts?: number): AppMeshClient;
  close(): Promise<void>;
}

/** Starts an emulator on a free loopback port with clients that use the real SDK. */
export async function startFixture(options: AppMeshEmulatorOptions = {}): Promise<EmulatorFixture> {
  const handle = await startAppMeshEmulator({ accountId: owner, ...options });
  const pool = clientPool((accountId, maxAttempts) => appMeshClientFor(handle, { accountId, maxAttempts }));
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

export const httpListener = (port: number) => ({ portMapping: { port, protocol: 'http' as const } });
export const dnsNode = (host: string, ports: number[] = [8080]) => ({
  listeners: ports.map(httpListener),
  serviceDiscovery: { dns: { hostname: host } },
});
export const httpRoute = (
  targets: { virtualNode: string; weight: number; port?: number }[],
  port?: number,
) => ({
  httpRoute: {
    match: { prefix: '/', ...(port ? { port } : {}) },
    action: { weightedTargets: targets },
  },
});
export const gatewayHttpRoute = (virtualServiceName: string, prefix = '/') => ({
  httpRoute: {
    match: { prefix },
    action: { target: { virtualService: { virtualServiceName } } },
  },
});
