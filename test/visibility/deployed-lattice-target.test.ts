import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateServiceNetworkCommand,
  GetRuleCommand,
  ListListenersCommand,
  ListRulesCommand,
  ListServiceNetworksCommand,
  ListServicesCommand,
  UpdateRuleCommand,
} from '@aws-sdk/client-vpc-lattice';
import type { DriftReport } from '@meshcd/cli';
import { defaultTargetPolicy, reconcile, type Target } from '@meshcd/core';
import {
  type AppMeshEmulatorHandle,
  type DynaliteHandle,
  type EksEmulatorHandle,
  type KubeEmulatorHandle,
  type LatticeEmulatorHandle,
  latticeClientFor,
  type StsEmulatorHandle,
  startAppMeshEmulator,
  startDynalite,
  startLatticeEmulator,
  startStsEmulator,
} from '@meshcd/emulators';
import { createClusterApi } from '@meshcd/kube';
import { createLatticeApi } from '@meshcd/lattice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refuseLatticeWrites } from '../../packages/cli/src/world/open-deployed-lattice.ts';
import { openDeployment } from '../../packages/cli/src/world/open-deployed-world.ts';
import { localVpcId } from '../../packages/cli/src/world/open-local-world.ts';
import { isLatticeWriteOperation } from '../../packages/emulators/src/lattice/index.ts';
import { kubeWrites } from '../cluster/cluster-world.ts';
import { runCli } from '../engine/run-cli.ts';
import { shopManifest } from '../lattice/shop-manifest.ts';
import { startDeployedEksCluster } from './deployed-eks-cluster.ts';
import { asFunction, isAwsWrite, laptopEnvironment, openDeploymentTable } from './deployment-table.ts';

const table = 'meshcd-production';
const formats = ['text', 'json', 'markdown'] as const;

/**
 * `meshcd plan|drift|report --target` of a target whose provider is `lattice`, from a laptop: VPC Lattice is
 * read with the user's credentials through a read-only client, the cluster as for App Mesh targets, and the
 * plan is the one `--local --provider lattice` makes of the same world. The endpoints are the emulators', set
 * through the SDK's own variables; their call logs prove nothing is written anywhere.
 */
describe('a deployed VPC Lattice target, read from the command line', () => {
  const root = mkdtempSync(join(tmpdir(), 'meshcd-deployed-lattice-'));
  const tree = join(root, 'mesh');
  const localState = join(root, 'local');
  let appMesh: AppMeshEmulatorHandle;
  let dynamo: DynaliteHandle;
  let lattice: LatticeEmulatorHandle;
  let kube: KubeEmulatorHandle;
  let eks: EksEmulatorHandle;
  let sts: StsEmulatorHandle;
  const saved = { ...process.env };
  const writeTree = (blue: number) => writeFileSync(join(tree, 'shop.yaml'), shopManifest(blue));

  beforeAll(async () => {
    mkdirSync(tree, { recursive: true });
    writeTree(90);
    // The same manifests applied to the local world, for the plans to be compared with.
    const local = await runCli(
      'apply',
      tree,
      '--local',
      '--state',
      localState,
      '--provider',
      'lattice',
      '--yes',
    );
    expect(local.code).toBe(0);

    [appMesh, dynamo] = await Promise.all([startAppMeshEmulator(), startDynalite()]);
    const account = appMesh.accountId;
    lattice = await startLatticeEmulator({ accountId: account });
    const cluster = await startDeployedEksCluster(account);
    ({ kube, eks } = cluster);
    sts = await startStsEmulator({ identities: cluster.identities });
    const deployment = await openDeploymentTable(dynamo.endpoint, table);
    const target: Target = {
      id: 'production',
      source: { repository: 'https://github.com/platform/mesh-config.git', branch: 'main', path: 'mesh' },
      cluster: { name: 'prod' },
      accountId: account,
      region: 'us-west-2',
      provider: 'lattice',
      lattice: { vpcId: localVpcId, authType: 'NONE' },
      policy: { ...defaultTargetPolicy },
    };
    // What deploy and the reconcile function left behind: the target record and an applied Lattice run.
    await deployment.state.putTarget(target);
    // A second Lattice target, in the same account, that the deployment lets the command line apply. Its VPC
    // is its own: a VPC joins one service network.
    const { cluster: _cluster, ...withoutCluster } = target;
    await deployment.state.putTarget({
      ...withoutCluster,
      id: 'sandbox',
      lattice: { vpcId: 'vpc-05a4db0c', authType: 'NONE' },
      policy: { ...defaultTargetPolicy, allowApplyFromCli: true },
    });
    const client = latticeClientFor(lattice, { maxAttempts: 1 });
    const applied = await asFunction(deployment.state, target.id, (fixed) =>
      reconcile({
        ...fixed,
        target,
        files: [{ path: 'shop.yaml', content: shopManifest(90) }],
        state: deployment.state,
        lattice: createLatticeApi({ client, pollMs: 5 }),
        cluster: createClusterApi({ kubeConfig: cluster.kubeConfig }),
      }),
    );
    expect(applied.status).toBe('succeeded');
    client.destroy();
    deployment.close();

    // The user's environment: credentials and the SDK's own endpoint variables, nothing meshcd-specific.
    Object.assign(process.env, laptopEnvironment(appMesh, dynamo, sts), {
      AWS_ENDPOINT_URL_EKS: eks.endpoint,
      AWS_ENDPOINT_URL_VPC_LATTICE: lattice.endpoint,
    });
    resetCalls();
  }, 180_000);

  afterAll(async () => {
    process.env = saved;
    await Promise.all([
      appMesh?.close(),
      dynamo?.close(),
      lattice?.close(),
      kube?.close(),
      eks?.close(),
      sts?.close(),
    ]);
    rmSync(root, { recursive: true, force: true });
  });

  function resetCalls() {
    appMesh.resetCalls();
    dynamo.resetCalls();
    lattice.resetCalls();
    kube.calls.length = 0;
    eks.calls.length = 0;
    sts.resetCalls();
  }
  const writes = () => [
    ...lattice.calls.map((c) => c.operation).filter((o) => o === 'Unknown' || isLatticeWriteOperation(o)),
    ...appMesh.calls.map((c) => c.operation).filter(isAwsWrite),
    ...dynamo.calls.map((c) => c.operation).filter(isAwsWrite),
    ...kubeWrites(kube).map((c) => `${c.method} ${c.path}`),
  ];
  /** Lattice ids and ARNs differ between two emulators, and the target's name between the two worlds. */
  const comparable = (output: string, targetId: string) =>
    output
      .replaceAll(/arn:aws:vpc-lattice:[^\s"',)]+/g, '<arn>')
      .replaceAll(/\b(sn|snva|snsa|svc|listener|rule|tg)-[0-9a-z]{17}\b/g, '<id>')
      .replaceAll(targetId, '<target>');

  it('plans a weight change as the same Lattice rule update --local plans, in every format, reading only', async () => {
    writeTree(50);
    try {
      for (const output of formats) {
        const local = await runCli('plan', tree, '--local', '--state', localState, '--output', output);
        resetCalls();
        const remote = await runCli(
          'plan',
          tree,
          '--target',
          'production',
          '--table',
          table,
          '--output',
          output,
        );
        expect(remote.stderr).toBe('');
        expect(remote.code).toBe(2);
        expect(local.code).toBe(2);
        expect(comparable(remote.stdout, 'production')).toBe(comparable(local.stdout, 'local'));
        // Lattice was read, App Mesh never: a Lattice target is not on App Mesh on any path.
        expect(lattice.calls.length).toBeGreaterThan(0);
        expect(appMesh.calls).toEqual([]);
        expect(writes()).toEqual([]);
      }
      const json = JSON.parse(
        (await runCli('plan', tree, '--target', 'production', '--table', table, '--output', 'json')).stdout,
      ) as { provider: string; changes: Array<{ action: string; kind: string }> };
      expect(json.provider).toBe('lattice');
      const writing = json.changes.filter((c) => c.action !== 'unchanged');
      expect(writing.map((c) => `${c.action} ${c.kind}`)).toEqual(['update Rule']);
    } finally {
      writeTree(90);
    }
  }, 180_000);

  it('finds an out-of-band Lattice edit with drift --target and report --target, reading only', async () => {
    const inSync = await runCli('drift', '--target', 'production', '--table', table);
    expect(inSync.stderr).toBe('');
    expect(inSync.code).toBe(0);

    // Out of band: someone moves every request to one target group with the Lattice API.
    const sdk = latticeClientFor(lattice);
    const [service] = (await sdk.send(new ListServicesCommand({}))).items ?? [];
    const [listener] =
      (await sdk.send(new ListListenersCommand({ serviceIdentifier: service!.id }))).items ?? [];
    const ids = { serviceIdentifier: service!.id, listenerIdentifier: listener!.id };
    const rules = (await sdk.send(new ListRulesCommand(ids))).items ?? [];
    const rule = await sdk.send(
      new GetRuleCommand({ ...ids, ruleIdentifier: rules.find((r) => r.name === 'api-route')!.id }),
    );
    const targetGroups = rule.action!.forward!.targetGroups!.map((t, i) => ({
      ...t,
      weight: i === 0 ? 100 : 0,
    }));
    await sdk.send(
      new UpdateRuleCommand({ ...ids, ruleIdentifier: rule.id, action: { forward: { targetGroups } } }),
    );
    sdk.destroy();
    resetCalls();

    const run = await runCli('drift', '--target', 'production', '--table', table, '--output', 'json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as DriftReport;
    expect(report.items.filter((i) => i.state !== 'InSync')).toEqual([
      expect.objectContaining({
        provider: 'lattice',
        key: 'lattice:Service/api-shop/Listener/http-8080/Rule/api-route',
        state: 'Modified',
        differences: [
          { path: 'action.forward.targetGroups[0].weight', expected: 90, actual: 100 },
          { path: 'action.forward.targetGroups[1].weight', expected: 10, actual: 0 },
        ],
      }),
    ]);
    const text = await runCli('drift', '--target', 'production', '--table', table);
    expect(text.code).toBe(2);
    expect(text.stdout).toContain('api-route');

    const out = join(root, 'report.md');
    const written = await runCli(
      'report',
      '--target',
      'production',
      '--table',
      table,
      '--format',
      'md',
      '--out',
      out,
    );
    expect(written.stderr).toBe(`wrote md report to ${out}\n`);
    expect(written.code).toBe(0);
    expect(appMesh.calls).toEqual([]);
    expect(writes()).toEqual([]);
    // Every Lattice call made is one of the read actions the README asks the user to be granted.
    const { latticeReadActions } = await import('../../packages/cli/src/world/lattice-access-refused.ts');
    const made = new Set(lattice.calls.map((c) => `vpc-lattice:${c.operation}`));
    expect([...made].filter((a) => !(latticeReadActions as readonly string[]).includes(a))).toEqual([]);
  }, 180_000);

  it('refuses every Lattice write through the read-only port and client before it leaves the machine', async () => {
    resetCalls();
    const deployment = await openDeployment({ target: 'production', table });
    const world = await deployment.world(deployment.targets[0]!);
    try {
      expect(world.lattice).toBeDefined();
      expect((await world.lattice!.list({ kind: 'ServiceNetwork' })).map((n) => n.name)).toEqual(['shop']);
      const refused = expect.objectContaining({ reason: 'read-only' });
      await expect(
        world.lattice!.create({ kind: 'ServiceNetwork', input: { name: 'intruder' } }, { clientToken: 't' }),
      ).rejects.toEqual(refused);
      const [network] = await world.lattice!.list({ kind: 'ServiceNetwork' });
      await expect(world.lattice!.delete(network!)).rejects.toEqual(refused);
      await expect(world.lattice!.tag(network!.arn, { owner: 'me' })).rejects.toEqual(refused);
      await expect(world.lattice!.registerTargets('tg-1', [{ id: '10.0.0.1', port: 8080 }])).rejects.toEqual(
        refused,
      );
    } finally {
      await world.close();
      deployment.close();
    }
    // Below the port, the client itself sends only List and Get.
    const client = refuseLatticeWrites(latticeClientFor(lattice, { maxAttempts: 1 }));
    try {
      expect((await client.send(new ListServiceNetworksCommand({}))).items?.map((n) => n.name)).toEqual([
        'shop',
      ]);
      await expect(client.send(new CreateServiceNetworkCommand({ name: 'intruder' }))).rejects.toMatchObject({
        reason: 'read-only',
        message: expect.stringContaining('vpc-lattice:CreateServiceNetwork'),
      });
    } finally {
      client.destroy();
    }
    expect(lattice.calls.map((c) => c.operation).filter((o) => !/^(List|Get)/.test(o))).toEqual([]);
    expect(writes()).toEqual([]);
  }, 60_000);

  it('names the identity and the missing Lattice permission when AWS denies a read', async () => {
    const caller = `arn:aws:sts::${appMesh.accountId}:assumed-role/contractor/bob`;
    lattice.knobs.faults.ListServiceNetworks = {
      errorType: 'AccessDeniedException',
      message: `User: ${caller} is not authorized to perform: vpc-lattice:ListServiceNetworks on resource: arn:aws:vpc-lattice:us-west-2:${appMesh.accountId}:servicenetwork/* because no identity-based policy allows the vpc-lattice:ListServiceNetworks action`,
    };
    try {
      resetCalls();
      for (const command of [['plan', tree], ['drift']]) {
        const run = await runCli(...command, '--target', 'production', '--table', table);
        expect(run.code).toBe(1);
        expect(run.stderr).toContain(
          `VPC Lattice of target production (account ${appMesh.accountId}, us-west-2) does not let your AWS identity ${caller} call vpc-lattice:ListServiceNetworks`,
        );
        expect(run.stderr).toContain('vpc-lattice:ListServices, vpc-lattice:ListListeners');
      }
      expect(writes()).toEqual([]);
    } finally {
      delete lattice.knobs.faults.ListServiceNetworks;
    }
  }, 60_000);

  it('applies a Lattice target only where the deployment allows it, to Lattice alone, under its lease', async () => {
    const sandbox = join(root, 'sandbox');
    mkdirSync(sandbox, { recursive: true });
    // Another mesh than production's: Lattice names are unique in an account.
    writeFileSync(join(sandbox, 'shop.yaml'), shopManifest(90).replaceAll('shop', 'sandbox'));
    resetCalls();
    const refused = await runCli('apply', tree, '--target', 'production', '--table', table, '--yes');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      "target 'production' is applied by the deployed reconcile function only",
    );
    expect(lattice.calls).toEqual([]);

    const run = await runCli('apply', sandbox, '--target', 'sandbox', '--table', table, '--yes');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Applied (VPC Lattice):');
    expect(lattice.calls.map((c) => c.operation)).toContain('CreateServiceNetwork');
    expect(appMesh.calls).toEqual([]);
    const deployment = await openDeploymentTable(dynamo.endpoint, table);
    try {
      const runs = await deployment.state.listRuns('sandbox');
      expect(runs.map((r) => [r.mode, r.outcome])).toEqual([['apply', 'succeeded']]);
      expect((await deployment.state.getLease('sandbox'))?.holder).toBeUndefined();
    } finally {
      deployment.close();
    }
    const again = await runCli('plan', sandbox, '--target', 'sandbox', '--table', table);
    expect(again.code).toBe(0);
  }, 120_000);

  it('refuses credentials of another account before VPC Lattice or the cluster is reached, reads and apply alike', async () => {
    const other = '444455556666';
    const refusal = (targetId: string, doing: string) =>
      `[observe/AccountMismatch] target '${targetId}' is in account ${appMesh.accountId}, but your AWS credentials are arn:aws:iam::${other}:user/${other} (account ${other}). ` +
      `Nothing of the target was read or written: with these credentials meshcd would ${doing} ` +
      `Switch to credentials of account ${appMesh.accountId} (another AWS_PROFILE, or log in to that account).`;
    process.env.AWS_ACCESS_KEY_ID = other;
    try {
      resetCalls();
      const runs = [
        [
          ['plan', tree, '--target', 'production'],
          refusal(
            'production',
            `read VPC Lattice in account ${other}, where every resource would look missing.`,
          ),
        ],
        [
          ['drift', '--target', 'production'],
          refusal(
            'production',
            `read VPC Lattice in account ${other}, where every resource would look missing.`,
          ),
        ],
        [
          ['report', '--target', 'production', '--format', 'md', '--out', join(root, 'refused.md')],
          refusal(
            'production',
            `read VPC Lattice in account ${other}, where every resource would look missing.`,
          ),
        ],
        [
          ['apply', tree, '--target', 'sandbox', '--yes'],
          refusal('sandbox', `apply to VPC Lattice in account ${other}, creating the whole mesh there.`),
        ],
      ] as const;
      for (const [args, message] of runs) {
        const run = await runCli(...args, '--table', table);
        expect({ code: run.code, stderr: run.stderr }).toEqual({
          code: 1,
          stderr: expect.stringContaining(message),
        });
      }
      expect(sts.calls.map((c) => c.operation)).toEqual(runs.map(() => 'GetCallerIdentity'));
      expect(lattice.calls).toEqual([]);
      expect(appMesh.calls).toEqual([]);
      expect(eks.calls).toEqual([]);
      expect(kube.calls).toEqual([]);
      expect(writes()).toEqual([]);
    } finally {
      process.env.AWS_ACCESS_KEY_ID = appMesh.accountId;
    }
  }, 60_000);
});
