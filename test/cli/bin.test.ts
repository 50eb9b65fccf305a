import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, entryFile } from '../../packages/cli/scripts/build.ts';
import { startupClosure } from '../infra/startup-closure.ts';

const exec = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'node_modules', '.bin');
// The way a user runs it: npx puts node_modules/.bin, and with it the pinned Node, first on PATH.
const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };

const meshcd = (...args: string[]) => meshcdIn(root, ...args);
const meshcdIn = async (cwd: string, ...args: string[]) => {
  try {
    const { stdout, stderr } = await exec(join(bin, 'meshcd'), args, { cwd, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};

// The executable runs the bundle in packages/cli/dist: build it from the current sources first.
let metafile: Metafile;
beforeAll(async () => {
  metafile = await buildCli();
}, 180_000);

describe('the meshcd executable', () => {
  it('starts without loading any command: no workspace package, no third-party package but the CLI parser', () => {
    const { inputs, externals } = startupClosure(metafile, entryFile);
    expect(inputs.length).toBeGreaterThan(0);
    // The CLI's own package.json gives `--version` its number.
    expect(
      inputs.filter(
        (i) =>
          i.startsWith('packages/') &&
          !i.startsWith('packages/cli/src/') &&
          i !== 'packages/cli/package.json',
      ),
    ).toEqual([]);
    expect(
      inputs.filter((i) => i.includes('node_modules/') && !i.includes('node_modules/commander/')),
    ).toEqual([]);
    expect(externals.filter((e) => !e.startsWith('node:'))).toEqual([]);
  });

  it('puts each lazily loaded module in a chunk of its own', () => {
    const chunks = Object.keys(metafile.outputs).filter((f) => f.endsWith('.js'));
    expect(chunks.some((c) => c.includes('open-local-world'))).toBe(true);
    expect(chunks.some((c) => c.includes('start-local-system'))).toBe(true);
  });

  it('loads for validate only what validate runs: no Lattice, cluster planning, drift or report code', () => {
    const validate = Object.keys(metafile.outputs).find((o) =>
      metafile.outputs[o]!.entryPoint?.endsWith('commands/run-validate.ts'),
    );
    const { inputs } = startupClosure(metafile, validate!.slice(validate!.indexOf('chunks/')));
    expect(inputs).toContain('packages/core/src/desired/validate-manifests.ts');
    expect(
      inputs.filter((i) =>
        /^packages\/core\/src\/((lattice|drift)\/|reconcile\.ts|cluster\/(compute|apply|observe|plan)-|report\/(render|layout|topology))/.test(
          i,
        ),
      ),
    ).toEqual([]);
  });

  it('validates a manifest tree and leaves no process behind in its group', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'meshcd-bin-'));
    try {
      await writeFile(
        join(dir, 'ns.yaml'),
        'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: { mesh: shop }\n',
      );
      // Its own process group, as a shell gives a command: whatever it leaves running stays in the group.
      const child = spawn(join(bin, 'meshcd'), ['validate', dir], { cwd: root, env, detached: true });
      let stdout = '';
      child.stdout.on('data', (chunk) => {
        stdout += String(chunk);
      });
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
      expect(stdout).toContain('valid');
      expect(() => process.kill(-child.pid!, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('prints help listing every command of the contract and exits 0', async () => {
    const { code, stdout } = await meshcd('--help');
    expect(code).toBe(0);
    for (const command of ['validate', 'plan', 'apply', 'drift', 'report', 'migrate', 'local']) {
      expect(stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    }
  });

  it('runs on the pinned Node 24, not the machine Node', async () => {
    const { stdout } = await exec('node', ['-p', 'process.versions.node'], { env });
    expect(stdout.trim()).toMatch(/^24\./);
  });

  it('exits 1 with a usage error for an unknown command', async () => {
    const { code, stderr } = await meshcd('frobnicate');
    expect(code).toBe(1);
    expect(stderr).toContain("unknown command 'frobnicate'");
  });

  it('exits 1 when a required argument is missing', async () => {
    const { code, stderr } = await meshcd('plan');
    expect(code).toBe(1);
    expect(stderr).toContain("missing required argument 'dir'");
  });

  it('prints its version', async () => {
    const { code, stdout } = await meshcd('--version');
    expect(code).toBe(0);
    const { version } = JSON.parse(await readFile(join(root, 'packages', 'cli', 'package.json'), 'utf8'));
    expect(stdout.trim()).toBe(version);
  });

  it('writes completion scripts for bash, zsh and fish that ask meshcd for the candidates', async () => {
    for (const shell of ['bash', 'zsh', 'fish']) {
      const { code, stdout } = await meshcd('completion', shell);
      expect(code, shell).toBe(0);
      expect(stdout, shell).toContain('meshcd complete --');
    }
    expect((await meshcd('complete', '--', 'pl')).stdout).toMatch(/^plan\t/m);
    const outputs = (await meshcd('complete', '--', 'plan', '--output', '')).stdout;
    expect(outputs.split('\n').map((l) => l.split('\t')[0])).toEqual(
      expect.arrayContaining(['text', 'json', 'markdown']),
    );
    expect((await meshcd('complete', '--', 'local', '')).stdout).toMatch(/^up\t/m);
  });

  it('completes in a real bash through the script it prints', async () => {
    const script = (await meshcd('completion', 'bash')).stdout;
    const dir = await mkdtemp(join(tmpdir(), 'meshcd-completion-'));
    try {
      await writeFile(join(dir, 'meshcd.bash'), script);
      // What bash does on `meshcd ap<TAB>`: call the registered function with the words so far.
      const probe = `source ${join(dir, 'meshcd.bash')}
fn=$(complete -p meshcd | sed -E 's/.*-F ([^ ]+).*/\\1/')
COMP_WORDS=(meshcd ap); COMP_CWORD=1; COMP_LINE='meshcd ap'; COMP_POINT=\${#COMP_LINE}
"$fn" meshcd ap meshcd
printf '%s\\n' "\${COMPREPLY[@]}"`;
      const { stdout } = await exec('bash', ['-c', probe], { cwd: root, env });
      expect(stdout.split('\n')).toContain('apply');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('asks before applying on a terminal, unless --yes; writes nothing when the answer is not yes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'meshcd-confirm-'));
    // A terminal for the command: util-linux `script` runs it on a pseudo-TTY and feeds it our stdin.
    const onTerminal = (command: string, input: string) =>
      new Promise<{ code: number; output: string }>((resolve, reject) => {
        const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: dir, env });
        let output = '';
        child.stdout.on('data', (chunk) => {
          output += String(chunk);
        });
        child.on('error', reject);
        child.on('exit', (code) => resolve({ code: code ?? -1, output }));
        child.stdin.end(input);
      });
    try {
      await mkdir(join(dir, 'tree'));
      await writeFile(
        join(dir, 'tree', 'mesh.yaml'),
        'apiVersion: appmesh.k8s.aws/v1beta2\nkind: Mesh\nmetadata:\n  name: shop\nspec:\n  namespaceSelector:\n    matchLabels: { mesh: shop }\n',
      );
      const apply = 'meshcd apply tree --local --state state';
      const refused = await onTerminal(apply, 'no\n');
      expect(refused.output).toContain('Do you want meshcd to make these changes?');
      expect(refused.output).toContain('apply cancelled; nothing was changed');
      expect(refused.code).toBe(1);
      expect((await meshcdIn(dir, 'plan', 'tree', '--local', '--state', 'state')).code).toBe(2);

      const approved = await onTerminal(apply, 'yes\n');
      expect(approved.code).toBe(0);
      expect(approved.output).toContain('Applied: 1 to create');
      expect((await meshcdIn(dir, 'plan', 'tree', '--local', '--state', 'state')).code).toBe(0);

      await writeFile(
        join(dir, 'tree', 'mesh.yaml'),
        (await readFile(join(dir, 'tree', 'mesh.yaml'), 'utf8')).replace(
          'spec:',
          'spec:\n  egressFilter: { type: ALLOW_ALL }',
        ),
      );
      const yes = await onTerminal(`${apply} --yes`, '');
      expect(yes.output).not.toContain('Do you want');
      expect(yes.code).toBe(0);
      // Not a terminal (CI, pipes): no prompt, as always.
      await writeFile(
        join(dir, 'tree', 'mesh.yaml'),
        (await readFile(join(dir, 'tree', 'mesh.yaml'), 'utf8')).replace('ALLOW_ALL', 'DROP_ALL'),
      );
      const piped = await meshcdIn(dir, 'apply', 'tree', '--local', '--state', 'state');
      expect(piped.stdout).not.toContain('Do you want');
      expect(piped.code).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
