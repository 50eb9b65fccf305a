import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { startKubeEmulator } from './kube-emulator.ts';
import type { KubeEmulatorHandle, KubeEmulatorOptions } from './kube-emulator-options.ts';

// biome-ignore lint/suspicious/noExplicitAny: API responses are arbitrary JSON, inspected field by field.
export type Loose = any;

/**
 * Emulators and temporary directories for one test file, closed and removed after each test.
 * `call` sends one request the way a client would and returns status and parsed body.
 */
export function emulatorFixture() {
  const running: KubeEmulatorHandle[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((e) => e.close()));
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function start(options: KubeEmulatorOptions = {}) {
    const emulator = await startKubeEmulator(options);
    running.push(emulator);
    const call = async (method: string, path: string, body?: unknown, contentType = 'application/json') => {
      const response = await fetch(emulator.endpoint + path, {
        method,
        headers: { 'content-type': contentType, 'user-agent': 'test-client/1.0' },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as Record<string, Loose> };
    };
    const stop = async () => {
      running.splice(running.indexOf(emulator), 1);
      await emulator.close();
    };
    return { emulator, call, stop };
  }

  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshcd-kube-'));
    dirs.push(dir);
    return dir;
  };

  return { start, tempDir };
}

export const ns = (name: string, labels?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, ...(labels ? { labels } : {}) },
});

export const cm = (name: string, data: Record<string, string>, labels?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...(labels ? { labels } : {}) },
  data,
});
