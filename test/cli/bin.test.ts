import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

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

describe('the meshcd executable', () => {
  it('prints help listing every command of the contract and exits 0', async () => {
    const { code, stdout } = await meshcd('--help');
    expect(code).toBe(0);
    for (const command of ['validate', 'plan', 'apply', 'drift', 'report', 'local']) {
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
