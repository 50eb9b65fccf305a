import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  DescribeVirtualNodeCommand,
  UpdateVirtualNodeCommand,
  type VirtualNodeSpec,
} from '@aws-sdk/client-app-mesh';
import type { DriftReport } from '@meshcd/cli';
import { appMeshClientFor, startAppMeshEmulator } from '@meshcd/emulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusScenarios, hasShared } from '../corpus/corpus.ts';
import { materialiseRevision } from '../corpus/materialise-revision.ts';
import { runCli } from '../engine/run-cli.ts';

describe.runIf(hasShared())('meshcd drift and meshcd report on the local world', () => {
  const root = mkdtempSync(join(tmpdir(), 'meshcd-drift-cli-'));
  const state = join(root, 'state');
  const tree = join(root, 'tree');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  beforeAll(async () => {
    const scenario = corpusScenarios().find((s) => s.folder === 'howto-k8s-connection-pools')!;
    for (const f of materialiseRevision(scenario.revisions.at(-1)!)) {
      mkdirSync(dirname(join(tree, f.path)), { recursive: true });
      writeFileSync(join(tree, f.path), f.content);
    }
    const applied = await runCli('apply', tree, '--local', '--state', state);
    expect(applied.code).toBe(0);
  });

  /** An out-of-band edit on the world's App Mesh, as someone with console access would make it. */
  async function changePortOutOfBand(): Promise<{ name: string; port: number }> {
    const emulator = await startAppMeshEmulator({ stateDir: state });
    const sdk = appMeshClientFor(emulator);
    try {
      const meshName = 'howto-k8s-connection-pools';
      const name = 'green_howto-k8s-connection-pools';
      const out = await sdk.send(new DescribeVirtualNodeCommand({ meshName, virtualNodeName: name }));
      const spec = out.virtualNode!.spec as VirtualNodeSpec;
      const port = spec.listeners![0]!.portMapping!.port!;
      spec.listeners![0]!.portMapping!.port = port + 1;
      // The service filled the health check's port from the old listener port and refuses a mismatch;
      // a person moving the port sends the health check without one, as meshcd does.
      if (spec.listeners![0]!.healthCheck) delete spec.listeners![0]!.healthCheck.port;
      await sdk.send(new UpdateVirtualNodeCommand({ meshName, virtualNodeName: name, spec }));
      return { name, port };
    } finally {
      sdk.destroy();
      await emulator.close();
    }
  }

  it('exits 0 in sync, against the last apply and against the tree', async () => {
    const plain = await runCli('drift', '--local', '--state', state);
    expect(plain.stdout).toMatch(/^Found \d+ resource\(s\) - 100% coverage/);
    expect(plain.code).toBe(0);
    const json = await runCli('drift', tree, '--local', '--state', state, '--output', 'json');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as DriftReport;
    expect(report.revision).toMatch(/^tree-/);
    expect(report.items.every((i) => i.state === 'InSync')).toBe(true);
  });

  it('exits 2 with the field difference after an out-of-band change, writes reports, and heals on request', async () => {
    const { name, port } = await changePortOutOfBand();
    const drift = await runCli('drift', '--local', '--state', state);
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain(
      `~ VirtualNode ${name} (mesh howto-k8s-connection-pools) changed outside meshcd`,
    );
    expect(drift.stdout).toContain(`~ spec.listeners[0].portMapping.port: ${port + 1} → expected ${port}`);

    const md = join(root, 'report.md');
    expect((await runCli('report', '--local', '--state', state, '--format', 'md', '--out', md)).code).toBe(0);
    expect(readFileSync(md, 'utf8')).toContain(`| Modified | VirtualNode | ${name} |`);
    const json = join(root, 'report.json');
    expect(
      (await runCli('report', '--local', '--state', state, '--format', 'json', '--out', json)).code,
    ).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8')) as DriftReport;
    expect(report.summary.counts.Modified).toBe(1);
    expect(report.topology.nodes.find((n) => n.name === name)?.state).toBe('Modified');

    const heal = await runCli('drift', '--local', '--state', state, '--heal');
    // The drift it found is shown, and the exit says the world is in sync again.
    expect(heal.code).toBe(0);
    expect(heal.stdout).toContain('Self-heal: 1 resource(s) restored to the last applied spec.');
    expect((await runCli('drift', '--local', '--state', state)).code).toBe(0);
  });

  it('exits 1 outside the local world, for a missing tree, and for an unwritable report', async () => {
    expect((await runCli('drift')).stderr).toContain('use --local');
    expect((await runCli('drift', join(root, 'nowhere'), '--local', '--state', state)).code).toBe(1);
    expect((await runCli('drift', tree, '--local', '--state', state, '--heal')).stderr).toContain(
      'run meshcd apply',
    );
    const bad = await runCli(
      'report',
      '--local',
      '--state',
      state,
      '--format',
      'html',
      '--out',
      join(root, 'no', 'such', 'dir', 'r.html'),
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('cannot write');
    expect((await runCli('report', '--local', '--state', state, '--format', 'pdf', '--out', 'x')).code).toBe(
      1,
    );
  });
});
