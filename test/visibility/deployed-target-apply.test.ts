import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultTargetPolicy, type Target } from '@meshcd/core';
import {
  type AppMeshEmulatorHandle,
  type DynaliteHandle,
  type StsEmulatorHandle,
  startAppMeshEmulator,
  startDynalite,
  startStsEmulator,
} from '@meshcd/emulators';
import type { MeshcdStateStore } from '@meshcd/state';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir, hasShared } from '../corpus/corpus.ts';
import { runCli } from '../engine/run-cli.ts';
import { isAwsWrite, laptopEnvironment, openDeploymentTable } from './deployment-table.ts';

/**
 * `meshcd apply --target` from a laptop, where the deployment allows it (`policy.allowApplyFromCli`): the
 * same engine, lease and run record as the reconcile function, through the real SDK clients with the
 * user's credentials; here against the App Mesh emulator and dynalite, whose call logs show what was written.
 */
describe.runIf(hasShared())('apply to a deployed target from the command line', () => {
  const root = mkdtempSync(join(tmpdir(), 'meshcd-deployed-apply-'));
  const tree = join(root, 'mesh');
  const table = 'meshcd-production';
  const manifest = readFileSync(join(corpusDir, 'howto-k8s-http-headers/v1beta2-manifest.yaml'), 'utf8');
  let appMesh: AppMeshEmulatorHandle;
  let dynamo: DynaliteHandle;
  let sts: StsEmulatorHandle;
  let deployment: { state: MeshcdStateStore; close(): void };
  const saved = { ...process.env };
  const base = {
    source: { repository: 'https://github.com/platform/mesh-config.git', branch: 'main', path: 'mesh' },
    region: 'us-west-2',
  };
  let locked: Target;
  let open: Target;

  beforeAll(async () => {
    [appMesh, dynamo, sts] = await Promise.all([startAppMeshEmulator(), startDynalite(), startStsEmulator()]);
    deployment = await openDeploymentTable(dynamo.endpoint, table);
    const { state } = deployment;
    locked = { ...base, id: 'production', accountId: appMesh.accountId, policy: { ...defaultTargetPolicy } };
    open = { ...locked, id: 'sandbox', policy: { ...defaultTargetPolicy, allowApplyFromCli: true } };
    await state.putTarget(locked);
    await state.putTarget(open);
    mkdirSync(tree, { recursive: true });
    writeFileSync(join(tree, 'mesh.yaml'), manifest);
    Object.assign(process.env, laptopEnvironment(appMesh, dynamo, sts));
  }, 120_000);

  afterAll(async () => {
    process.env = saved;
    deployment?.close();
    await Promise.all([appMesh?.close(), dynamo?.close(), sts?.close()]);
    rmSync(root, { recursive: true, force: true });
  });

  const reset = () => {
    appMesh.resetCalls();
    dynamo.resetCalls();
    sts.resetCalls();
  };
  const writes = (calls: ReadonlyArray<{ operation: string }>) =>
    calls.map((c) => c.operation).filter(isAwsWrite);

  it('refuses a target whose deployment does not allow it, naming the setting, and writes nothing', async () => {
    reset();
    const run = await runCli('apply', tree, '--target', 'production', '--table', table, '--yes');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("target 'production' is applied by the deployed reconcile function only");
    expect(run.stderr).toContain('set policy.allowApplyFromCli: true on the target');
    expect(appMesh.calls).toEqual([]);
    expect(writes(dynamo.calls)).toEqual([]);
    expect(await deployment.state.listRuns('production')).toEqual([]);
  }, 120_000);

  it('refuses while the target is being reconciled, naming the holder, and writes nothing to App Mesh', async () => {
    const holder = 'reconcile-function event:42';
    const taken = await deployment.state.acquireLease('sandbox', holder, undefined, Date.now(), 600_000);
    expect(taken.acquired).toBe(true);
    reset();
    try {
      const run = await runCli('apply', tree, '--target', 'sandbox', '--table', table, '--yes');
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`target 'sandbox' is being reconciled by ${holder}`);
      expect(writes(appMesh.calls)).toEqual([]);
      expect(await deployment.state.listRuns('sandbox')).toEqual([]);
    } finally {
      await deployment.state.releaseLease('sandbox', holder);
    }
  }, 120_000);

  it('refuses an allowed target to credentials of another account before App Mesh: no mesh created there, no lease, no run', async () => {
    const other = '444455556666';
    process.env.AWS_ACCESS_KEY_ID = other;
    reset();
    try {
      const run = await runCli('apply', tree, '--target', 'sandbox', '--table', table, '--yes');
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        `[observe/AccountMismatch] target 'sandbox' is in account ${appMesh.accountId}, but your AWS credentials are arn:aws:iam::${other}:user/${other} (account ${other}). ` +
          `Nothing of the target was read or written: with these credentials meshcd would apply to App Mesh in account ${other}, creating the whole mesh there. ` +
          `Switch to credentials of account ${appMesh.accountId}`,
      );
      expect(sts.calls.map((c) => [c.operation, c.account])).toEqual([['GetCallerIdentity', other]]);
      expect(appMesh.calls).toEqual([]);
      expect(writes(dynamo.calls)).toEqual([]);
      expect(await deployment.state.listRuns('sandbox')).toEqual([]);
    } finally {
      process.env.AWS_ACCESS_KEY_ID = appMesh.accountId;
    }
  }, 120_000);

  it('applies an allowed target under its lease, records the run and lets the lease go', async () => {
    reset();
    const run = await runCli(
      'apply',
      tree,
      '--target',
      'sandbox',
      '--table',
      table,
      '--yes',
      '--output',
      'json',
    );
    expect(run.code).toBe(0);
    // The caller's account was asked once, and matched the target's.
    expect(sts.calls.map((c) => [c.operation, c.account])).toEqual([
      ['GetCallerIdentity', appMesh.accountId],
    ]);
    // Written to App Mesh and the table through the remote code path.
    expect(writes(appMesh.calls)).toContain('CreateMesh');
    expect(writes(dynamo.calls).length).toBeGreaterThan(0);
    const runs = await deployment.state.listRuns('sandbox');
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ targetId: 'sandbox', mode: 'apply', outcome: 'succeeded' });
    const lease = await deployment.state.getLease('sandbox');
    expect(lease?.holder).toBeUndefined();
    // Converged: a plan of the same tree against the deployed target has nothing to do.
    const again = await runCli('plan', tree, '--target', 'sandbox', '--table', table, '--output', 'json');
    expect(again.code).toBe(0);
  }, 120_000);
});
