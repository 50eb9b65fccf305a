import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../engine/run-cli.ts';

const mesh = (name: string) => `apiVersion: appmesh.k8s.aws/v1beta2
kind: Mesh
metadata:
  name: ${name}
spec:
  namespaceSelector:
    matchLabels:
      mesh: ${name}
`;

/** Every file of a directory with its size and modification time: what "writes nothing" is checked against. */
const snapshot = (dir: string) =>
  (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((e) => e.isFile())
    .map((e) => {
      const path = join(e.parentPath, e.name);
      const s = statSync(path);
      return `${path} ${s.size} ${s.mtimeMs}`;
    })
    .sort();

describe('the command line people expect', () => {
  const root = mkdtempSync(join(tmpdir(), 'meshcd-cli-basics-'));
  const state = join(root, 'state');
  const tree = join(root, 'tree');
  const cwd = process.cwd();
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  afterEach(() => {
    process.chdir(cwd);
    delete process.env.MESHCD_STATE;
  });

  beforeAll(async () => {
    mkdirSync(tree, { recursive: true });
    writeFileSync(join(tree, 'mesh.yaml'), mesh('shop'));
    const applied = await runCli('apply', tree, '--local', '--state', state);
    expect(applied.stderr).not.toContain('meshcd apply:');
    expect(applied.code).toBe(0);
  });

  it('answers usage errors and I/O errors with a JSON document when --output json is asked for', async () => {
    const missing = await runCli('plan', '--output', 'json');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout)).toEqual({
      status: 'error',
      error: {
        phase: 'usage',
        reason: 'bad-arguments',
        retryable: false,
        message: "missing required argument 'dir'",
      },
    });
    const unknown = await runCli('validate', tree, '--output=json', '--frobnicate');
    expect(JSON.parse(unknown.stdout).error).toMatchObject({ phase: 'usage', reason: 'bad-arguments' });
    const nowhere = await runCli('validate', join(root, 'nowhere'), '--output', 'json');
    expect(JSON.parse(nowhere.stdout).error).toMatchObject({ reason: 'not-a-directory' });
    const drift = await runCli('drift', '--local', '--state', join(root, 'typo'), '--output', 'json');
    expect(JSON.parse(drift.stdout).error).toMatchObject({ reason: 'no-local-world' });
    const status = await runCli('status', '--local', '--state', join(root, 'typo'), '--output', 'json');
    expect(JSON.parse(status.stdout).error).toMatchObject({ reason: 'no-local-world' });
  });

  it('refuses drift, report and status on a state directory that does not exist, and creates none', async () => {
    const typo = join(root, 'stat');
    for (const args of [
      ['drift', '--local', '--state', typo],
      ['drift', '--local', '--state', typo, '--heal'],
      ['report', '--local', '--state', typo, '--format', 'md', '--out', join(root, 'r.md')],
      ['status', '--local', '--state', typo],
    ]) {
      const run = await runCli(...args);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr).toContain(`no local world at ${typo}`);
      expect(run.stdout).not.toContain('coverage');
    }
    expect(existsSync(typo)).toBe(false);
    expect(existsSync(join(root, 'r.md'))).toBe(false);
  });

  it('refuses an empty tree: no manifests is an error, not a plan to delete everything', async () => {
    const empty = join(root, 'empty');
    mkdirSync(join(empty, 'docs'), { recursive: true });
    writeFileSync(join(empty, 'docs', 'README.md'), '# nothing here\n');
    for (const args of [
      ['validate'],
      ['plan', '--local', '--state', state],
      ['apply', '--local', '--state', state],
    ]) {
      const command = args[0]!;
      const run = await runCli(command, empty, ...args.slice(1));
      expect(run.code, command).toBe(1);
      expect(run.stderr).toContain(`no manifests found in ${empty}`);
    }
    expect((await runCli('drift', empty, '--local', '--state', state)).stderr).toContain(
      'no manifests found',
    );
  });

  it('reads .json manifests beside the YAML ones, with their line numbers', async () => {
    const mixed = join(root, 'mixed');
    mkdirSync(mixed, { recursive: true });
    writeFileSync(join(mixed, 'mesh.yaml'), mesh('shop'));
    writeFileSync(
      join(mixed, 'namespace.json'),
      `${JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { mesh: 'shop' } } }, null, 2)}\n`,
    );
    writeFileSync(join(mixed, 'package.json'), '{"name": "not-a-manifest"}\n');
    const valid = await runCli('validate', mixed, '--output', 'json');
    expect(valid.code).toBe(0);
    expect(JSON.parse(valid.stdout).summary).toMatchObject({ meshResources: 1, kubeObjects: 1 });
    writeFileSync(
      join(mixed, 'namespace.json'),
      '{\n  "apiVersion": "v1",\n  "kind": "Namespace",\n  "metadata": {\n    "name": "Shop_Floor"\n  }\n}\n',
    );
    const invalid = await runCli('validate', mixed);
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toMatch(/^namespace\.json:5:\d+ error/m);
  });

  it('writes nothing into the state directory when a plan is refused', async () => {
    const bad = join(root, 'bad');
    mkdirSync(bad, { recursive: true });
    writeFileSync(join(bad, 'mesh.yaml'), `${mesh('shop')}  bogus: 1\n`);
    const before = snapshot(state);
    const refused = await runCli('plan', bad, '--local', '--state', state);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('unknown field "bogus"');
    expect(snapshot(state)).toEqual(before);
    const fresh = join(root, 'fresh-state');
    expect((await runCli('plan', bad, '--local', '--state', fresh)).code).toBe(1);
    expect(existsSync(fresh)).toBe(false);
  });

  it('takes the state directory from MESHCD_STATE, and defaults from meshcd.config.json; flags win', async () => {
    const project = join(root, 'project');
    mkdirSync(project, { recursive: true });
    process.chdir(project);
    // Without any default, status looks for .meshcd/local here and finds no world.
    expect((await runCli('status', '--local')).stderr).toContain('no local world at .meshcd/local');
    process.env.MESHCD_STATE = state;
    const fromEnv = await runCli('status', '--local', '--output', 'json');
    expect(fromEnv.code).toBe(0);
    expect(JSON.parse(fromEnv.stdout).targets[0].targetId).toBe('local');
    delete process.env.MESHCD_STATE;

    writeFileSync(
      join(project, 'meshcd.config.json'),
      JSON.stringify({ local: true, state, output: 'json' }),
    );
    mkdirSync(join(project, 'sub'));
    process.chdir(join(project, 'sub'));
    const fromConfig = await runCli('status');
    expect(fromConfig.code).toBe(0);
    expect(JSON.parse(fromConfig.stdout).healthy).toBe(true);
    // A flag beats the file, and MESHCD_STATE beats the file too.
    expect((await runCli('status', '--state', join(root, 'other'))).stdout).toContain('no local world at');
    process.env.MESHCD_STATE = join(root, 'elsewhere');
    expect((await runCli('status')).stdout).toContain('elsewhere');

    writeFileSync(join(project, 'meshcd.config.json'), JSON.stringify({ stat: state }));
    const misspelt = await runCli('status', '--local');
    expect(misspelt.code).toBe(1);
    expect(misspelt.stderr).toContain('meshcd.config.json: unknown option(s) stat');
    writeFileSync(join(project, 'meshcd.config.json'), JSON.stringify({ output: 'yaml' }));
    expect((await runCli('status', '--local')).stderr).toContain('"output" must be one of');
  });

  it('exits 0 from drift --heal when everything drifted was healed', async () => {
    const { startAppMeshEmulator, appMeshClientFor } = await import('@meshcd/emulators');
    const { DeleteMeshCommand } = await import('@aws-sdk/client-app-mesh');
    const emulator = await startAppMeshEmulator({ stateDir: state });
    const sdk = appMeshClientFor(emulator);
    await sdk.send(new DeleteMeshCommand({ meshName: 'shop' }));
    sdk.destroy();
    await emulator.close();
    expect((await runCli('drift', '--local', '--state', state)).code).toBe(2);
    const heal = await runCli('drift', '--local', '--state', state, '--heal');
    expect(heal.stdout).toContain('Self-heal: 1 resource(s) restored');
    expect(heal.code).toBe(0);
    expect((await runCli('drift', '--local', '--state', state)).code).toBe(0);
  });
});
