import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetOperationCommand,
  ListInstancesCommand,
  ListNamespacesCommand,
  RegisterInstanceCommand,
} from '@aws-sdk/client-servicediscovery';
import { main } from '@meshcd/cli';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cloudMapClientFor, startCloudMapEmulator } from '../../../packages/emulators/src/cloudmap/index.ts';
import { controllerService, errorOf, privateNamespace, startCloudMapFixture } from './cloud-map-fixture.ts';

describe('Cloud Map emulator: knobs, persistence and `meshcd local cloudmap`', () => {
  const dirs: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('throttles with the token bucket and injects faults, before or after the change commits', async () => {
    const f = await startCloudMapFixture();
    try {
      const ns = await privateNamespace(f.client, 'k.local');
      const service = await controllerService(f.client, ns, 'svc');
      f.handle.knobs.readRate = { perSecond: 0, burst: 1 };
      await f.client.send(new ListNamespacesCommand({}));
      const throttled = await errorOf(() => f.client.send(new ListNamespacesCommand({})));
      expect(throttled.name).toBe('ThrottlingException');
      f.handle.knobs.readRate = null;

      f.handle.knobs.faults.RegisterInstance = {
        errorType: 'ServiceUnavailable',
        times: 1,
        afterCommit: true,
      };
      const lost = await errorOf(() =>
        f.client.send(
          new RegisterInstanceCommand({
            ServiceId: service.Id,
            InstanceId: '10.0.0.1',
            CreatorRequestId: 'retry-me',
            Attributes: { AWS_INSTANCE_IPV4: '10.0.0.1' },
          }),
        ),
      );
      expect(lost.name).toBe('ServiceUnavailable');
      // The change committed; the retry with the same CreatorRequestId answers the same operation.
      const retried = await f.client.send(
        new RegisterInstanceCommand({
          ServiceId: service.Id,
          InstanceId: '10.0.0.1',
          CreatorRequestId: 'retry-me',
          Attributes: { AWS_INSTANCE_IPV4: '10.0.0.1' },
        }),
      );
      expect(
        (await f.client.send(new GetOperationCommand({ OperationId: retried.OperationId }))).Operation
          ?.Status,
      ).toBe('SUCCESS');
      expect(
        (await f.client.send(new ListInstancesCommand({ ServiceId: service.Id }))).Instances,
      ).toHaveLength(1);
      expect(f.handle.calls.filter((c) => c.operation === 'RegisterInstance').map((c) => c.status)).toEqual([
        503, 200,
      ]);
    } finally {
      await f.close();
    }
  });

  it('keeps its state in the state directory across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshcd-cloudmap-'));
    dirs.push(dir);
    const first = await startCloudMapEmulator({ stateDir: dir });
    const client = cloudMapClientFor(first);
    const ns = await privateNamespace(client, 'kept.local');
    client.destroy();
    await first.close();
    const second = await startCloudMapEmulator({ stateDir: dir });
    const again = cloudMapClientFor(second);
    const { Namespaces } = await again.send(new ListNamespacesCommand({}));
    expect(Namespaces?.map((n) => n.Id)).toEqual([ns]);
    again.destroy();
    await second.close();
  });

  it('runs alone with `meshcd local cloudmap`, printing its endpoint as one JSON line', async () => {
    const state = mkdtempSync(join(tmpdir(), 'meshcd-local-cloudmap-'));
    dirs.push(state);
    const printed = new Promise<string>((resolve) => {
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        resolve(String(chunk));
        return true;
      });
    });
    const exit = main(['node', 'meshcd', 'local', 'cloudmap', '--port', '0', '--state', state]);
    const { cloudmap } = JSON.parse(await printed) as { cloudmap: string };
    expect(cloudmap).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const client = cloudMapClientFor({ endpoint: cloudmap, region: 'us-west-2' });
    await privateNamespace(client, 'cli.local');
    client.destroy();
    process.emit('SIGTERM');
    expect(await exit).toBe(0);
    const saved = JSON.parse(readFileSync(join(state, 'cloudmap.json'), 'utf8')) as { namespaces: object };
    expect(Object.values(saved.namespaces)).toMatchObject([{ Name: 'cli.local' }]);
  });
});
