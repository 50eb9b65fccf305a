import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as sdk from '@aws-sdk/client-vpc-lattice';
import { afterEach, describe, expect, it } from 'vitest';
import { errorOf, type LatticeFixture, owner, startFixture } from './lattice-fixture.ts';

describe('VPC Lattice emulator knobs, call log, snapshot/restore and persistence', () => {
  const fixtures: LatticeFixture[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const f of fixtures.splice(0)) await f.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const start = async (...args: Parameters<typeof startFixture>) => {
    const f = await startFixture(...args);
    fixtures.push(f);
    return f;
  };

  it('persists every write to <state>/lattice.json and starts from it again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lattice-state-'));
    dirs.push(dir);
    const first = await start({ stateDir: dir });
    const sn = await first.client.send(new sdk.CreateServiceNetworkCommand({ name: 'kept' }));
    expect(JSON.parse(readFileSync(join(dir, 'lattice.json'), 'utf8')).resources).toHaveProperty(
      sn.id as string,
    );
    await first.close();
    fixtures.splice(0);
    const second = await start({ stateDir: dir });
    expect(
      (await second.client.send(new sdk.GetServiceNetworkCommand({ serviceNetworkIdentifier: sn.id }))).name,
    ).toBe('kept');
  });

  it('restores a snapshot', async () => {
    const f = await start();
    await f.client.send(new sdk.CreateServiceNetworkCommand({ name: 'before' }));
    const snap = f.handle.snapshot();
    await f.client.send(new sdk.CreateServiceNetworkCommand({ name: 'after' }));
    f.handle.restore(snap);
    expect((await f.client.send(new sdk.ListServiceNetworksCommand({}))).items?.map((n) => n.name)).toEqual([
      'before',
    ]);
  });

  it('logs each call with its account, addressing input and status', async () => {
    const f = await start();
    f.handle.resetCalls();
    await f.client.send(new sdk.CreateServiceNetworkCommand({ name: 'logged', clientToken: 'tok' }));
    await errorOf(() =>
      f.client.send(new sdk.GetServiceNetworkCommand({ serviceNetworkIdentifier: 'sn-0123456789abcdefg' })),
    );
    expect(f.handle.calls.map((c) => [c.operation, c.account, c.status, c.errorType])).toEqual([
      ['CreateServiceNetwork', owner, 201, undefined],
      ['GetServiceNetwork', owner, 404, 'ResourceNotFoundException'],
    ]);
    expect(f.handle.calls[0]?.input).toEqual({ name: 'logged', clientToken: 'tok' });
  });

  it('drops connections on request and answers after the configured latency', async () => {
    const f = await start({ knobs: { dropConnectionRate: 1 } });
    const dropped = await errorOf(() => f.client.send(new sdk.ListServicesCommand({})));
    expect(dropped.$metadata.httpStatusCode).toBeUndefined();
    expect(f.handle.calls.at(-1)?.errorType).toBe('DroppedConnection');
    f.handle.knobs.dropConnectionRate = 0;
    f.handle.knobs.latencyMs = 20;
    expect((await f.client.send(new sdk.ListServicesCommand({}))).items).toEqual([]);
  });
});
