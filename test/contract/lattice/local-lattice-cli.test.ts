import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateServiceNetworkCommand } from '@aws-sdk/client-vpc-lattice';
import { main } from '@meshcd/cli';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { latticeClientFor } from '../../../packages/emulators/src/lattice/index.ts';
import { captureStdout } from '../../cli/capture-stdout.ts';

describe('meshcd local lattice', () => {
  const dirs: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('prints its endpoint as one JSON line, serves the API with state in --state, and stops on SIGTERM', async () => {
    const state = mkdtempSync(join(tmpdir(), 'meshcd-local-lattice-'));
    dirs.push(state);
    const { lines, first: printed } = captureStdout();
    const exit = main(['node', 'meshcd', 'local', 'lattice', '--port', '0', '--state', state]);
    const { lattice } = JSON.parse(await printed) as { lattice: string };
    expect(lattice).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const client = latticeClientFor({ endpoint: lattice, accountId: '111122223333' });
    const created = await client.send(new CreateServiceNetworkCommand({ name: 'from-cli' }));
    client.destroy();
    process.emit('SIGTERM');
    expect(await exit).toBe(0);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(state, 'lattice.json'), 'utf8')).resources).toHaveProperty(
      created.id as string,
    );
  });

  it('fails with exit 1 on a port that is not a number', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await main(['node', 'meshcd', 'local', 'lattice', '--port', 'eighty'])).toBe(1);
    expect(String(stderr.mock.calls[0]?.[0])).toMatch(/meshcd local lattice: --port must be an integer/);
  });
});
