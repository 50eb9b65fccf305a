import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '@meshcd/cli';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureStdout } from '../../cli/capture-stdout.ts';

describe('meshcd local appmesh', () => {
  const dirs: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('prints its endpoint as one JSON line, serves the API with state in --state, and stops on SIGTERM', async () => {
    const state = mkdtempSync(join(tmpdir(), 'meshcd-local-appmesh-'));
    dirs.push(state);
    const { lines, first: printed } = captureStdout();
    const exit = main(['node', 'meshcd', 'local', 'appmesh', '--port', '0', '--state', state]);
    const { appmesh } = JSON.parse(await printed) as { appmesh: string };
    expect(appmesh).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const created = await fetch(`${appmesh}/v20190125/meshes`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ meshName: 'from-cli' }),
    });
    expect(created.status).toBe(200);
    process.emit('SIGTERM');
    expect(await exit).toBe(0);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(state, 'appmesh.json'), 'utf8')).resources).toHaveProperty(
      '111122223333/from-cli',
    );
  });

  it('fails with exit 1 on a port that is not a number', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await main(['node', 'meshcd', 'local', 'appmesh', '--port', 'eighty'])).toBe(1);
    expect(String(stderr.mock.calls[0]?.[0])).toMatch(/--port must be an integer/);
  });
});
