import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AppMeshClient,
  CreateMeshCommand,
  DescribeMeshCommand,
  ListMeshesCommand,
  UpdateMeshCommand,
} from '@aws-sdk/client-app-mesh';
import { afterEach, describe, expect, it } from 'vitest';
import { type EmulatorFixture, errorOf, startFixture } from './emulator-fixture.ts';

describe('App Mesh emulator knobs, call log and state', () => {
  let f: EmulatorFixture;
  const dirs: string[] = [];
  afterEach(async () => {
    await f?.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'appmesh-emulator-'));
    dirs.push(d);
    return d;
  };

  it('records each call with operation, account, addressing input, status and error type, until reset', async () => {
    f = await startFixture();
    await f.client.send(new CreateMeshCommand({ meshName: 'a', clientToken: 'tok' }));
    await errorOf(() => f.client.send(new DescribeMeshCommand({ meshName: 'b' })));
    expect(
      f.handle.calls.map(({ operation, account, input, status, errorType }) => ({
        operation,
        account,
        input,
        status,
        errorType,
      })),
    ).toEqual([
      {
        operation: 'CreateMesh',
        account: f.handle.accountId,
        input: { meshName: 'a', clientToken: 'tok' },
        status: 200,
        errorType: undefined,
      },
      {
        operation: 'DescribeMesh',
        account: f.handle.accountId,
        input: { meshName: 'b' },
        status: 404,
        errorType: 'NotFoundException',
      },
    ]);
    f.handle.resetCalls();
    expect(f.handle.calls).toEqual([]);
  });

  it('drops a connection without answering, and the SDK retry gets through', async () => {
    const draws = [0, 0.99, 0.99];
    f = await startFixture({ knobs: { dropConnectionRate: 0.5, random: () => draws.shift() ?? 0.99 } });
    const created = await f.clientAs(f.handle.accountId, 3).send(new CreateMeshCommand({ meshName: 'a' }));
    expect(created.$metadata.attempts).toBe(2);
    expect(f.handle.calls.map((c) => [c.status, c.errorType])).toEqual([
      [0, 'DroppedConnection'],
      [200, undefined],
    ]);
  });

  it('throttles writes with their own token bucket, per account', async () => {
    f = await startFixture({ knobs: { writeRate: { perSecond: 0.001, burst: 1 } } });
    await f.client.send(new CreateMeshCommand({ meshName: 'a' }));
    expect((await errorOf(() => f.client.send(new UpdateMeshCommand({ meshName: 'a' })))).name).toBe(
      'TooManyRequestsException',
    );
    await f.client.send(new ListMeshesCommand({}));
    await f.clientAs('444455556666').send(new CreateMeshCommand({ meshName: 'other' }));
  });

  it('injects faults for every operation with "*", at the given rate', async () => {
    const draws = [0.1, 0.9];
    f = await startFixture({
      knobs: {
        faults: { '*': { errorType: 'InternalServerErrorException', rate: 0.5 } },
        random: () => draws.shift() ?? 0.9,
      },
    });
    expect((await errorOf(() => f.client.send(new ListMeshesCommand({})))).name).toBe(
      'InternalServerErrorException',
    );
    expect((await f.client.send(new ListMeshesCommand({}))).meshes).toEqual([]);
  });

  it('maps an access key id to an account, and treats a 12-digit key id as the account itself', async () => {
    f = await startFixture({ accessKeys: { AKIDCONSUMER: '444455556666' } });
    const mapped = new AppMeshClient({
      endpoint: f.handle.endpoint,
      region: 'us-west-2',
      credentials: { accessKeyId: 'AKIDCONSUMER', secretAccessKey: 'x' },
      maxAttempts: 1,
    });
    const mesh = await mapped.send(new CreateMeshCommand({ meshName: 'm' }));
    mapped.destroy();
    expect(mesh.mesh?.metadata?.meshOwner).toBe('444455556666');
    const direct = await f.clientAs('999988887777').send(new CreateMeshCommand({ meshName: 'm' }));
    expect(direct.mesh?.metadata?.meshOwner).toBe('999988887777');
  });

  it('restores a snapshot, forgetting what happened after it', async () => {
    f = await startFixture();
    await f.client.send(new CreateMeshCommand({ meshName: 'kept' }));
    const snapshot = f.handle.snapshot();
    await f.client.send(new CreateMeshCommand({ meshName: 'forgotten' }));
    f.handle.restore(snapshot);
    expect((await f.client.send(new ListMeshesCommand({}))).meshes?.map((m) => m.meshName)).toEqual(['kept']);
  });

  it('persists to <stateDir>/appmesh.json after each write and picks the world up again on restart', async () => {
    const stateDir = tempDir();
    f = await startFixture({ stateDir });
    const created = await f.client.send(new CreateMeshCommand({ meshName: 'durable' }));
    expect(JSON.parse(readFileSync(join(stateDir, 'appmesh.json'), 'utf8')).resources).toHaveProperty(
      `${f.handle.accountId}/durable`,
    );
    await f.close();
    f = await startFixture({ stateDir });
    const again = await f.client.send(new DescribeMeshCommand({ meshName: 'durable' }));
    expect(again.mesh?.metadata?.uid).toBe(created.mesh?.metadata?.uid);
  });
});
