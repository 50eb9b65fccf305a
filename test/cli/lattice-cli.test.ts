import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListMeshesCommand } from '@aws-sdk/client-app-mesh';
import {
  GetRuleCommand,
  ListListenersCommand,
  ListRulesCommand,
  ListServiceNetworksCommand,
  ListServicesCommand,
  UpdateRuleCommand,
} from '@aws-sdk/client-vpc-lattice';
import {
  appMeshClientFor,
  latticeClientFor,
  startAppMeshEmulator,
  startLatticeEmulator,
} from '@meshcd/emulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../engine/run-cli.ts';
import { shopManifest } from '../lattice/shop-manifest.ts';

let base: string;
let dir: string;
let state: string;
const plan = (...args: string[]) => runCli('plan', dir, '--local', '--state', state, ...args);
const write = (blue: number) => writeFile(join(dir, 'shop.yaml'), shopManifest(blue));

/** What the state directory's emulators hold: meshcd's commands have let go of them when this runs. */
async function services() {
  const [appmesh, lattice] = await Promise.all([
    startAppMeshEmulator({ stateDir: state }),
    startLatticeEmulator({ stateDir: state }),
  ]);
  const meshClient = appMeshClientFor(appmesh);
  const latticeClient = latticeClientFor(lattice);
  try {
    const meshes = (await meshClient.send(new ListMeshesCommand({}))).meshes ?? [];
    const networks = (await latticeClient.send(new ListServiceNetworksCommand({}))).items ?? [];
    const latticeServices = (await latticeClient.send(new ListServicesCommand({}))).items ?? [];
    return {
      meshes: meshes.map((m) => m.meshName),
      networks: networks.map((n) => n.name),
      services: latticeServices.map((s) => s.name),
    };
  } finally {
    meshClient.destroy();
    latticeClient.destroy();
    await Promise.all([appmesh.close(), lattice.close()]);
  }
}

/** Someone sets every weight of the service's rule to `weight` with the Lattice API, behind meshcd's back. */
async function editRuleWeights(weight: number) {
  const lattice = await startLatticeEmulator({ stateDir: state });
  const client = latticeClientFor(lattice);
  try {
    const [service] = (await client.send(new ListServicesCommand({}))).items ?? [];
    const [listener] =
      (await client.send(new ListListenersCommand({ serviceIdentifier: service!.id }))).items ?? [];
    const ids = { serviceIdentifier: service!.id, listenerIdentifier: listener!.id };
    const rules = (await client.send(new ListRulesCommand(ids))).items ?? [];
    const rule = await client.send(
      new GetRuleCommand({ ...ids, ruleIdentifier: rules.find((r) => r.name === 'api-route')!.id }),
    );
    const targetGroups = rule.action!.forward!.targetGroups!.map((t) => ({ ...t, weight }));
    await client.send(
      new UpdateRuleCommand({ ...ids, ruleIdentifier: rule.id, action: { forward: { targetGroups } } }),
    );
  } finally {
    client.destroy();
    await lattice.close();
  }
}

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'meshcd-lattice-cli-'));
  dir = join(base, 'manifests');
  state = join(base, 'state');
  await mkdir(dir);
  await write(90);
});
afterAll(() => rm(base, { recursive: true, force: true }));

describe('plan, apply, status, drift and report --local --provider lattice', () => {
  it('plans the manifests as Lattice resources, exit 2, in text, JSON and Markdown, and writes nothing', async () => {
    const text = await plan('--provider', 'lattice');
    expect(text.stderr).toBe('');
    expect(text.code).toBe(2);
    expect(text.stdout).toContain('+ ServiceNetwork shop (from Mesh shop, not-found) shop.yaml:1:1');
    expect(text.stdout).toContain('+ TargetGroup');
    expect(text.stdout).toContain('Plan (VPC Lattice):');

    const json = await plan('--provider', 'lattice', '--output', 'json');
    expect(json.code).toBe(2);
    const report = JSON.parse(json.stdout);
    expect(report.provider).toBe('lattice');
    expect(new Set(report.changes.map((c: { kind: string }) => c.kind))).toEqual(
      new Set([
        'ServiceNetwork',
        'ServiceNetworkVpcAssociation',
        'Service',
        'ServiceNetworkServiceAssociation',
        'Listener',
        'Rule',
        'TargetGroup',
      ]),
    );
    expect(report.changes.every((c: { key: string }) => c.key.startsWith('lattice:'))).toBe(true);

    const md = await plan('--provider', 'lattice', '--output', 'markdown');
    expect(md.stdout).toContain('**VPC Lattice:**');
    expect(md.stdout).toContain('#### VPC Lattice changes');
    expect(md.stdout).not.toContain('App Mesh');

    expect(await services()).toEqual({ meshes: [], networks: [], services: [] });
  }, 180_000);

  it('applies on Lattice only (exit 0), then re-plans with zero changes without the flag', async () => {
    const apply = await runCli('apply', dir, '--local', '--state', state, '--provider', 'lattice', '--yes');
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain('Applied (VPC Lattice):');
    expect(await services()).toEqual({
      meshes: [],
      networks: ['shop'],
      services: ['api-shop'],
    });
    // The world's target was registered with its provider: later commands need no flag.
    const again = await runCli('plan', dir, '--local', '--state', state, '--output', 'json');
    expect(again.code).toBe(0);
    const report = JSON.parse(again.stdout);
    expect(report.provider).toBe('lattice');
    expect(report.summary).toMatchObject({ create: 0, update: 0, delete: 0 });
  }, 180_000);

  it('shows a weight change as a Lattice rule update with its field difference', async () => {
    await write(50);
    const plan = await runCli('plan', dir, '--local', '--state', state);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toMatch(/~ Rule api-route \(from VirtualRouter shop\/api, spec-changed\)/);
    expect(plan.stdout).toMatch(/~ .*weight.*: 90 → 50/);
    await write(90);
  }, 180_000);

  it('reports the last Lattice run in status', async () => {
    const status = await runCli('status', '--local', '--state', state, '--output', 'json');
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout).targets[0]).toMatchObject({
      provider: 'lattice',
      lastRun: { outcome: 'succeeded' },
    });
    expect((await runCli('status', '--local', '--state', state)).stdout).toContain('Provider: VPC Lattice');
  }, 180_000);

  it('finds the Lattice world in sync, then an out-of-band weight edit as Modified (exit 2), heals it and reports it', async () => {
    const inSync = await runCli('drift', '--local', '--state', state);
    expect(inSync.stderr).toBe('');
    expect(inSync.code).toBe(0);
    await editRuleWeights(0);
    const drifted = await runCli('drift', '--local', '--state', state, '--output', 'json');
    expect(drifted.code).toBe(2);
    const items = JSON.parse(drifted.stdout).items as Array<{
      key: string;
      state: string;
      provider?: string;
    }>;
    expect(items.filter((i) => i.state !== 'InSync').map((i) => [i.key, i.state])).toEqual([
      ['lattice:Service/api-shop/Listener/http-8080/Rule/api-route', 'Modified'],
    ]);
    const out = join(base, 'report.md');
    expect((await runCli('report', '--local', '--state', state, '--format', 'md', '--out', out)).code).toBe(
      0,
    );
    expect(await readFile(out, 'utf8')).toContain('api-route');
    expect((await runCli('drift', '--local', '--state', state, '--heal')).code).toBe(0);
    expect((await runCli('drift', '--local', '--state', state)).code).toBe(0);
  }, 180_000);

  it('refuses App Mesh on a world whose target reconciles into Lattice, exit 1, nothing written', async () => {
    const plan = await runCli('apply', dir, '--local', '--state', state, '--provider', 'appmesh', '--yes');
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('reconciles into VPC Lattice, not App Mesh; use another --state');
    expect((await services()).meshes).toEqual([]);
  }, 180_000);
});
