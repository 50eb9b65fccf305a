import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '@meshcd/cli';
import { startKubeEmulator } from '@meshcd/emulators';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureStdout } from '../../cli/capture-stdout.ts';
import { kubectl, kubectlInstalled } from './kubectl.ts';

/** What an earlier `meshcd apply --local` leaves behind: a Deployment applied by field manager meshcd. */
async function seed(state: string): Promise<void> {
  const emulator = await startKubeEmulator({ stateDir: state });
  const response = await fetch(
    `${emulator.endpoint}/apis/apps/v1/namespaces/default/deployments/checkout?fieldManager=meshcd`,
    {
      method: 'PATCH',
      headers: { 'content-type': 'application/apply-patch+yaml' },
      body: JSON.stringify({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'checkout', labels: { 'app.kubernetes.io/managed-by': 'meshcd' } },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'checkout' } },
          template: {
            metadata: { labels: { app: 'checkout' } },
            spec: { containers: [{ name: 'checkout', image: 'checkout:1' }] },
          },
        },
      }),
    },
  );
  expect(response.status).toBe(201);
  await emulator.close();
}

describe('meshcd local kube', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshcd-local-kube-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    vi.restoreAllMocks();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('prints endpoint and kubeconfig as one JSON line, and kubectl sees what was applied before on the same state', async () => {
    expect(kubectlInstalled(), 'kubectl must be installed').toBe(true);
    const state = tempDir();
    await seed(state);
    const { lines, first: printed } = captureStdout();
    const exit = main(['node', 'meshcd', 'local', 'kube', '--port', '0', '--state', state]);
    const { kube, kubeconfig } = JSON.parse(await printed) as { kube: string; kubeconfig: string };
    expect(kube).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(kubeconfig).toBe(join(state, 'kubeconfig'));
    expect(readFileSync(kubeconfig, 'utf8')).toContain(kube);
    const result = await kubectl(kubeconfig, join(state, 'cache'), [
      'get',
      'deployment',
      '-l',
      'app.kubernetes.io/managed-by=meshcd',
      '-o',
      'jsonpath={.items[*].metadata.name} {.items[*].metadata.managedFields[*].manager}',
    ]);
    process.emit('SIGTERM');
    expect(await exit).toBe(0);
    expect(result).toMatchObject({ code: 0, stdout: 'checkout meshcd' });
    expect(lines).toHaveLength(1);
  });

  it('fails with exit 1 on a port that is not a number, starting nothing', async () => {
    const state = join(tempDir(), 'never');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await main(['node', 'meshcd', 'local', 'kube', '--port', 'eighty', '--state', state])).toBe(1);
    expect(String(stderr.mock.calls[0]?.[0])).toMatch(/--port must be an integer/);
    expect(existsSync(state)).toBe(false);
  });
});
