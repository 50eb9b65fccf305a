import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import type { Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, defaultOutDir, entryFile } from '../../packages/cli/scripts/build.ts';

const exec = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'node_modules', '.bin');
// The way a user runs it: npx puts node_modules/.bin, and with it the pinned Node, first on PATH.
const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };

const meshcd = async (...args: string[]) => {
  try {
    const { stdout, stderr } = await exec(join(bin, 'meshcd'), args, { cwd: root, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};

/** Every output file the entry loads before any command runs: its static imports, transitively. */
function startupClosure(metafile: Metafile, entry: string) {
  const files = new Set<string>();
  const externals = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const i of metafile.outputs[file]?.imports ?? []) {
      if (i.kind !== 'import-statement') continue;
      if (i.external) externals.add(i.path);
      else visit(i.path);
    }
  };
  visit(entry);
  const inputs = [...files].flatMap((f) => Object.keys(metafile.outputs[f]?.inputs ?? {}));
  return { inputs, externals: [...externals] };
}

// The executable runs the bundle in packages/cli/dist: build it from the current sources first.
let metafile: Metafile;
beforeAll(async () => {
  metafile = await buildCli();
}, 180_000);

describe('the meshcd executable', () => {
  it('starts without loading any command: no workspace package, no third-party package but the CLI parser', () => {
    const entry = relative(process.cwd(), join(defaultOutDir, entryFile));
    const { inputs, externals } = startupClosure(metafile, entry);
    expect(inputs.length).toBeGreaterThan(0);
    expect(inputs.filter((i) => i.startsWith('packages/') && !i.startsWith('packages/cli/src/'))).toEqual([]);
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
});
