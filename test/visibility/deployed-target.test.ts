import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeVirtualNodeCommand, UpdateVirtualNodeCommand } from '@aws-sdk/client-app-mesh';
import { createMeshApi } from '@meshcd/appmesh';
import type { DriftReport } from '@meshcd/cli';
import { defaultTargetPolicy, type Target } from '@meshcd/core';
import {
  type AppMeshEmulatorHandle,
  appMeshClientFor,
  type DynaliteHandle,
  type StsEmulatorHandle,
  startAppMeshEmulator,
  startDynalite,
  startStsEmulator,
} from '@meshcd/emulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir, hasShared } from '../corpus/corpus.ts';
import { runCli } from '../engine/run-cli.ts';
import {
  isAwsWrite,
  laptopEnvironment,
  openDeploymentTable,
  reconcileAsFunction,
} from './deployment-table.ts';

/**
 * `meshcd plan|drift|status --target` from a laptop: the deployment's table and App Mesh are read through
 * the real SDK clients with the user's credentials and endpoints from the environment, exactly as against
 * AWS; here the endpoints are the App Mesh emulator and dynalite, whose call logs prove nothing is written.
 */
describe.runIf(hasShared())('a deployed target read from the command line', () => {
  const root = mkdtempSync(join(tmpdir(), 'meshcd-deployed-'));
  const tree = join(root, 'mesh');
  const table = 'meshcd-production';
  const manifest = readFileSync(join(corpusDir, 'howto-k8s-http-headers/v1beta2-manifest.yaml'), 'utf8');
  let appMesh: AppMeshEmulatorHandle;
  let dynamo: DynaliteHandle;
  let sts: StsEmulatorHandle;
  let target: Target;
  const saved = { ...process.env };

  beforeAll(async () => {
    [appMesh, dynamo, sts] = await Promise.all([startAppMeshEmulator(), startDynalite(), startStsEmulator()]);
    const deployment = await openDeploymentTable(dynamo.endpoint, table);
    const { state } = deployment;
    target = {
      id: 'production',
      source: { repository: 'https://github.com/platform/mesh-config.git', branch: 'main', path: 'mesh' },
      accountId: appMesh.accountId,
      region: 'us-west-2',
      policy: { ...defaultTargetPolicy },
    };
    // What deploy and the reconcile function left behind: the target record, the lease, a run, the inventory.
    await state.putTarget(target);
    await state.putTarget({ ...target, id: 'staging' });
    const applied = await reconcileAsFunction(state, {
      target,
      files: [{ path: 'mesh.yaml', content: manifest }],
      mesh: createMeshApi({ client: appMeshClientFor(appMesh) }),
    });
    expect(applied.status).toBe('succeeded');
    deployment.close();

    mkdirSync(tree, { recursive: true });
    writeFileSync(join(tree, 'mesh.yaml'), manifest.replace(/weight: 1\b/g, 'weight: 5'));
    Object.assign(process.env, laptopEnvironment(appMesh, dynamo, sts));
    appMesh.resetCalls();
    dynamo.resetCalls();
  }, 120_000);

  afterAll(async () => {
    process.env = saved;
    await Promise.all([appMesh?.close(), dynamo?.close(), sts?.close()]);
    rmSync(root, { recursive: true, force: true });
  });

  const writes = () => [
    ...appMesh.calls.map((c) => c.operation).filter(isAwsWrite),
    ...dynamo.calls.map((c) => c.operation).filter(isAwsWrite),
  ];

  it('plans a weight change against the deployed target, reading only', async () => {
    const run = await runCli('plan', tree, '--target', 'production', '--table', table, '--output', 'json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as {
      summary: Record<string, number>;
      changes: Array<{ action: string; diff: Array<{ path: string; actual: unknown; expected: unknown }> }>;
    };
    expect(report.summary).toMatchObject({ create: 0, update: 5, delete: 0 });
    expect(report.changes.filter((c) => c.action === 'update').flatMap((c) => c.diff)).toContainEqual({
      path: expect.stringMatching(/^httpRoute\.action\.weightedTargets\[virtualNode=[^\]]+\]\.weight$/),
      actual: 1,
      expected: 5,
    });
    // It went through the emulators (the remote code path), and wrote nothing to either.
    expect(appMesh.calls.length).toBeGreaterThan(0);
    expect(dynamo.calls.map((c) => c.operation)).toContain('Query');
    expect(writes()).toEqual([]);
  }, 120_000);

  it('reports drift of the deployed target with the field difference, reading only', async () => {
    const sdk = appMeshClientFor(appMesh);
    const meshName = 'howto-k8s-http-headers';
    const virtualNodeName = 'blue_howto-k8s-http-headers';
    const { virtualNode } = await sdk.send(new DescribeVirtualNodeCommand({ meshName, virtualNodeName }));
    const spec = structuredClone(virtualNode!.spec!);
    spec.listeners![0]!.portMapping!.port = 9090;
    // The service filled the health check's port from the old listener port and refuses a mismatch;
    // a person moving the port sends the health check without one, as meshcd does.
    if (spec.listeners![0]!.healthCheck) delete spec.listeners![0]!.healthCheck.port;
    await sdk.send(new UpdateVirtualNodeCommand({ meshName, virtualNodeName, spec }));
    sdk.destroy();
    appMesh.resetCalls();
    dynamo.resetCalls();

    const run = await runCli('drift', '--target', 'production', '--table', table, '--output', 'json');
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as DriftReport;
    const modified = report.items.find((i) => i.state === 'Modified');
    expect(modified?.name).toBe(virtualNodeName);
    expect(modified?.differences).toEqual([
      { path: 'spec.listeners[0].portMapping.port', expected: 8080, actual: 9090 },
    ]);
    expect(appMesh.calls.length).toBeGreaterThan(0);
    expect(writes()).toEqual([]);
  }, 120_000);

  it('shows the status of every deployed target, and of one, reading only', async () => {
    const all = await runCli('status', '--table', table, '--output', 'json');
    const report = JSON.parse(all.stdout) as {
      healthy: boolean;
      targets: Array<{ targetId: string; health: string }>;
    };
    expect(report.targets.map((t) => [t.targetId, t.health])).toEqual([
      ['production', 'healthy'],
      ['staging', 'pending'],
    ]);
    expect(all.code).toBe(2);
    const one = await runCli('status', '--target', 'production', '--table', table);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('Target production  healthy');
    expect(one.stdout).toContain(`Applied:  ${'a'.repeat(12)} (2026-11-29T10:00:00.000Z)`);
    const missing = await runCli('status', '--target', 'nope', '--table', table);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      `meshcd status: no target 'nope' in table ${table} (known: production, staging)\n`,
    );
    expect(writes()).toEqual([]);
  }, 120_000);

  it('refuses apply and --heal against a deployed target before reaching it', async () => {
    dynamo.resetCalls();
    appMesh.resetCalls();
    const apply = await runCli('apply', tree, '--target', 'production', '--table', table, '--yes');
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain('set policy.allowApplyFromCli: true on the target');
    // The deployment is read to learn the target does not allow it; App Mesh is never reached.
    expect(appMesh.calls).toEqual([]);
    expect(writes()).toEqual([]);
    dynamo.resetCalls();
    const heal = await runCli('drift', '--target', 'production', '--table', table, '--heal');
    expect(heal.code).toBe(1);
    expect(heal.stderr).toContain('--heal writes');
    expect([...appMesh.calls, ...dynamo.calls]).toEqual([]);
  }, 60_000);
});
