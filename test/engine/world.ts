import { createMeshApi } from '@meshcd/appmesh';
import { defaultTargetPolicy, type Target } from '@meshcd/core';
import { type AppMeshEmulatorHandle, appMeshClientFor, startAppMeshEmulator } from '@meshcd/emulators';
import { MemoryStateStore } from '@meshcd/state';

/** An App Mesh emulator, a meshcd MeshApi on it, an in-memory state store and a target: one engine world. */
export interface EngineWorld {
  emulator: AppMeshEmulatorHandle;
  mesh: ReturnType<typeof createMeshApi>;
  state: MemoryStateStore;
  target: Target;
  close(): Promise<void>;
}

export async function startEngineWorld(
  options: {
    emulator?: Parameters<typeof startAppMeshEmulator>[0];
    meshApi?: Partial<Parameters<typeof createMeshApi>[0]>;
  } = {},
): Promise<EngineWorld> {
  const emulator = await startAppMeshEmulator(options.emulator);
  const mesh = createMeshApi({
    client: appMeshClientFor(emulator, { maxAttempts: 1 }),
    readRate: 10_000,
    writeRate: 10_000,
    burst: 1000,
    retry: { baseDelayMs: 1, maxDelayMs: 20 },
    ...options.meshApi,
  });
  const target: Target = {
    id: 'test-target',
    source: { repository: 'http://127.0.0.1/none.git', branch: 'main', path: '.' },
    accountId: emulator.accountId,
    region: 'us-west-2',
    policy: { ...defaultTargetPolicy },
  };
  return { emulator, mesh, state: new MemoryStateStore(), target, close: () => emulator.close() };
}

const writePrefixes = ['Create', 'Update', 'Delete', 'Tag', 'Untag'];
export const writeCalls = (emulator: AppMeshEmulatorHandle) =>
  emulator.calls.filter((c) => writePrefixes.some((p) => c.operation.startsWith(p)));
