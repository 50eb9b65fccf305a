import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeregisterInstanceCommand,
  ListInstancesCommand,
  ListServicesCommand,
} from '@aws-sdk/client-servicediscovery';
import { createCloudMapApi, createMeshApi } from '@meshcd/appmesh';
import type { DriftReport } from '@meshcd/cli';
import { defaultTargetPolicy, detectDrift, type Target } from '@meshcd/core';
import {
  type AppMeshEmulatorHandle,
  appMeshClientFor,
  type CloudMapEmulatorHandle,
  cloudMapClientFor,
  type DynaliteHandle,
  type EksEmulatorHandle,
  type KubeEmulatorHandle,
  type StsEmulatorHandle,
  startAppMeshEmulator,
  startCloudMapEmulator,
  startDynalite,
  startStsEmulator,
} from '@meshcd/emulators';
import { createClusterApi } from '@meshcd/kube';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeWrites } from '../cluster/cluster-world.ts';
import { corpusDir, hasShared } from '../corpus/corpus.ts';
import { runCli } from '../engine/run-cli.ts';
import { startDeployedEksCluster } from './deployed-eks-cluster.ts';
import {
  isAwsWrite,
  laptopEnvironment,
  openDeploymentTable,
  reconcileAsFunction,
} from './deployment-table.ts';

const ns = 'howto-k8s-cloudmap';
const table = 'meshcd-production';

/**
 * `meshcd plan|drift|status --target` of a target with an EKS cluster and Cloud Map nodes, from a laptop:
 * the cluster is reached as the functions reach it (eks:DescribeCluster, then a presigned-STS token signed
 * with the user's credentials, checked against the cluster's access entries), only with the user's
 * identity. The endpoints are the emulators', set through the SDK's own variables; their call logs
 * prove nothing is written anywhere.
 */
describe.runIf(hasShared())('the cluster side of a deployed target, read from the command line', () => {
  const root = mkdtempSync(join(tmpdir(), 'meshcd-deployed-cluster-'));
  const tree = join(root, 'mesh');
  const manifest = hasShared() ? readFileSync(join(corpusDir, `${ns}/v1beta2-manifest.yaml`), 'utf8') : '';
  let appMesh: AppMeshEmulatorHandle;
  let dynamo: DynaliteHandle;
  let cloudmap: CloudMapEmulatorHandle;
  let kube: KubeEmulatorHandle;
  let eks: EksEmulatorHandle;
  let sts: StsEmulatorHandle;
  let target: Target;
  let recorded: Awaited<ReturnType<typeof detectDrift>>;
  const saved = { ...process.env };
  // A second access key stands for a second person in the same account: the emulators name callers by it.
  const stranger = 'AKIACONTRACTOR';
  // A 12-digit access key id is that account to the emulators: credentials of another account.
  const otherAccount = '444455556666';

  beforeAll(async () => {
    [appMesh, dynamo, cloudmap] = await Promise.all([
      startAppMeshEmulator(),
      startDynalite(),
      startCloudMapEmulator(),
    ]);
    const account = appMesh.accountId;
    // The platform team's role may read the cluster; the contractor's has no access entry.
    const cluster = await startDeployedEksCluster(account, {
      [stranger]: `arn:aws:sts::${account}:assumed-role/contractor/bob`,
    });
    ({ kube, eks } = cluster);
    sts = await startStsEmulator({ identities: cluster.identities });
    const deployment = await openDeploymentTable(dynamo.endpoint, table);
    const { state } = deployment;
    target = {
      id: 'production',
      source: { repository: 'https://github.com/platform/mesh-config.git', branch: 'main', path: 'mesh' },
      cluster: { name: 'prod' },
      accountId: account,
      region: 'us-west-2',
      policy: { ...defaultTargetPolicy },
      cloudMap: { createNamespaces: { vpc: 'vpc-0abc' } },
    };
    // What deploy and the functions left behind: the target record, an applied run with the cluster and
    // Cloud Map, and the scheduled drift check's report.
    await state.putTarget(target);
    const functions = {
      mesh: createMeshApi({ client: appMeshClientFor(appMesh) }),
      cluster: createClusterApi({ kubeConfig: cluster.kubeConfig }),
      cloudMap: createCloudMapApi({ client: cloudMapClientFor(cloudmap), pollMs: 1 }),
      now: () => new Date(),
    };
    const applied = await reconcileAsFunction(state, {
      ...functions,
      target,
      files: [{ path: 'mesh.yaml', content: manifest }],
    });
    expect(applied.status).toBe('succeeded');
    recorded = await detectDrift({ ...functions, state, target, runId: 'drift-1' });
    deployment.close();

    mkdirSync(tree, { recursive: true });
    writeFileSync(join(tree, 'mesh.yaml'), manifest.replace(/replicas: 1\b/, 'replicas: 3'));
    // The user's environment: credentials and the SDK's own endpoint variables, nothing meshcd-specific.
    Object.assign(process.env, laptopEnvironment(appMesh, dynamo, sts), {
      AWS_ENDPOINT_URL_EKS: eks.endpoint,
      AWS_ENDPOINT_URL_SERVICEDISCOVERY: cloudmap.endpoint,
    });
    resetCalls();
  }, 180_000);

  afterAll(async () => {
    process.env = saved;
    await Promise.all([
      appMesh?.close(),
      dynamo?.close(),
      cloudmap?.close(),
      kube?.close(),
      eks?.close(),
      sts?.close(),
    ]);
    rmSync(root, { recursive: true, force: true });
  });

  function resetCalls() {
    appMesh.resetCalls();
    dynamo.resetCalls();
    cloudmap.resetCalls();
    kube.calls.length = 0;
    eks.calls.length = 0;
    sts.resetCalls();
  }
  const writes = () => [
    ...appMesh.calls.map((c) => c.operation).filter(isAwsWrite),
    ...dynamo.calls.map((c) => c.operation).filter(isAwsWrite),
    ...cloudmap.calls.map((c) => c.operation).filter(isAwsWrite),
    ...kubeWrites(kube).map((c) => `${c.method} ${c.path}`),
  ];
  /** Every cluster request came with a token the cluster accepted as the user's: none was refused. */
  const clusterReadsAsUser = () => {
    // The account check asked STS once, with the user's credentials, before anything else.
    expect(sts.calls.map((c) => [c.operation, c.account])).toEqual([
      ['GetCallerIdentity', appMesh.accountId],
    ]);
    expect(eks.calls.map((c) => c.action)).toEqual(['DescribeCluster']);
    expect(kube.calls.length).toBeGreaterThan(0);
    expect(kube.calls.filter((c) => c.status === 401 || c.status === 403)).toEqual([]);
  };

  it('plans the cluster side of a change (a Deployment scaled in Git) beside App Mesh, reading only', async () => {
    const run = await runCli('plan', tree, '--target', 'production', '--table', table, '--output', 'json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as {
      summary: Record<string, number>;
      cluster?: {
        changes: Array<{ action: string; subject: string; kind: string; name: string; diff?: unknown[] }>;
      };
    };
    expect(report.summary).toMatchObject({ create: 0, update: 0, delete: 0 });
    const updates =
      report.cluster?.changes.filter((c) => c.action === 'update' && c.subject === 'object') ?? [];
    expect(updates.map((c) => `${c.kind} ${c.name}`)).toEqual(['Deployment front']);
    expect(updates[0]?.diff).toContainEqual(expect.objectContaining({ path: 'spec.replicas' }));
    clusterReadsAsUser();
    expect(writes()).toEqual([]);
  }, 120_000);

  it('reports drift of cluster objects, injections and Cloud Map instances, reading only', async () => {
    // Out of band: someone deregisters a pod's instance from Cloud Map.
    const sdk = cloudMapClientFor(cloudmap);
    const { Services } = await sdk.send(new ListServicesCommand({}));
    const colorapp = Services!.find((s) => s.Name === 'colorapp')!.Id!;
    const { Instances } = await sdk.send(new ListInstancesCommand({ ServiceId: colorapp }));
    await sdk.send(new DeregisterInstanceCommand({ ServiceId: colorapp, InstanceId: Instances![0]!.Id! }));
    sdk.destroy();
    resetCalls();

    const run = await runCli('drift', '--target', 'production', '--table', table, '--output', 'json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as DriftReport;
    const kubeInSync = report.items.filter((i) => i.provider === 'kube' && i.state === 'InSync');
    expect(kubeInSync.map((i) => i.kind)).toContain('Deployment');
    expect(report.items.some((i) => i.subject === 'injection' && i.state === 'InSync')).toBe(true);
    const drifted = report.items.filter((i) => i.state !== 'InSync');
    expect(drifted).toEqual([
      expect.objectContaining({ provider: 'cloudmap', name: expect.stringContaining(Instances![0]!.Id!) }),
    ]);
    clusterReadsAsUser();
    expect(writes()).toEqual([]);
  }, 120_000);

  it('shows the status with the drift the deployed check recorded, cluster and Cloud Map included', async () => {
    const run = await runCli('status', '--target', 'production', '--table', table, '--output', 'json');
    expect(run.code).toBe(0);
    const [status] = (
      JSON.parse(run.stdout) as { targets: Array<{ drift?: { counts: Record<string, number> } }> }
    ).targets;
    // The functions' drift check read the cluster and Cloud Map; status shows its counts as recorded.
    const providers = new Set(recorded.items.map((i) => i.provider));
    expect([...providers].sort()).toEqual(['appmesh', 'cloudmap', 'kube']);
    expect(status?.drift?.counts).toEqual(recorded.summary.counts);
    expect(writes()).toEqual([]);
  }, 60_000);

  it('names the identity and the missing access entry when the cluster does not admit the user', async () => {
    process.env.AWS_ACCESS_KEY_ID = stranger;
    try {
      resetCalls();
      for (const command of [['plan', tree], ['drift']]) {
        const run = await runCli(...command, '--target', 'production', '--table', table);
        expect(run.code).toBe(1);
        expect(run.stderr).toContain(
          `EKS cluster "prod" of target production does not let your AWS identity arn:aws:sts::${appMesh.accountId}:assumed-role/contractor/bob read it: it needs an access entry with a read policy`,
        );
        expect(run.stderr).toContain(
          `aws eks create-access-entry --cluster-name prod --principal-arn arn:aws:iam::${appMesh.accountId}:role/contractor`,
        );
      }
      expect(writes()).toEqual([]);
    } finally {
      process.env.AWS_ACCESS_KEY_ID = appMesh.accountId;
    }
  }, 60_000);

  it('refuses credentials of another account before App Mesh, the cluster or Cloud Map is reached', async () => {
    process.env.AWS_ACCESS_KEY_ID = otherAccount;
    try {
      resetCalls();
      const out = join(root, 'refused.md');
      const commands = [['plan', tree], ['drift'], ['report', '--format', 'md', '--out', out]];
      for (const command of commands) {
        const run = await runCli(...command, '--target', 'production', '--table', table);
        expect({ code: run.code, stderr: run.stderr }).toEqual({
          code: 1,
          stderr: expect.stringContaining(
            `[observe/AccountMismatch] target 'production' is in account ${appMesh.accountId}, but your AWS credentials are arn:aws:iam::${otherAccount}:user/${otherAccount} (account ${otherAccount}). ` +
              `Nothing of the target was read or written: with these credentials meshcd would read App Mesh in account ${otherAccount}, where every resource would look missing. ` +
              `Switch to credentials of account ${appMesh.accountId} (another AWS_PROFILE, or log in to that account).`,
          ),
        });
      }
      // One question to STS per command, and nothing asked of the target's services.
      expect(sts.calls.map((c) => c.operation)).toEqual(commands.map(() => 'GetCallerIdentity'));
      expect(appMesh.calls).toEqual([]);
      expect(eks.calls).toEqual([]);
      expect(kube.calls).toEqual([]);
      expect(cloudmap.calls).toEqual([]);
      expect(writes()).toEqual([]);
    } finally {
      process.env.AWS_ACCESS_KEY_ID = appMesh.accountId;
    }
  }, 60_000);
});
