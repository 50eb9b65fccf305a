import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildKubeConfig } from './build-kube-config.ts';
import { kubeConfigFromFile } from './kube-config-from-file.ts';

describe('buildKubeConfig', () => {
  it('holds endpoint, CA and bearer token in one current context', async () => {
    const config = buildKubeConfig({
      endpoint: 'https://abc.eks.amazonaws.com',
      caData: 'Q0E=',
      token: 'k8s-aws-v1.xyz',
      name: 'prod',
    });
    expect(config.getCurrentContext()).toBe('prod');
    expect(config.getCurrentCluster()).toMatchObject({
      server: 'https://abc.eks.amazonaws.com',
      caData: 'Q0E=',
    });
    const headers = new Headers();
    const options: { headers: Record<string, string> } = { headers: {} };
    await config.applyToHTTPSOptions(options);
    for (const [k, v] of Object.entries(options.headers)) headers.set(k, v);
    expect(headers.get('authorization')).toBe('Bearer k8s-aws-v1.xyz');
  });
});

describe('kubeConfigFromFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'meshcd-kubeconfig-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'config');
  writeFileSync(
    file,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- {name: a, cluster: {server: "http://127.0.0.1:1"}}',
      '- {name: b, cluster: {server: "http://127.0.0.1:2"}}',
      'users:',
      '- {name: u, user: {token: t}}',
      'contexts:',
      '- {name: ctx-a, context: {cluster: a, user: u}}',
      '- {name: ctx-b, context: {cluster: b, user: u}}',
      'current-context: ctx-a',
    ].join('\n'),
  );

  it('uses the file’s current context by default', () => {
    expect(kubeConfigFromFile(file).getCurrentCluster()?.server).toBe('http://127.0.0.1:1');
  });

  it('switches to the named context', () => {
    expect(kubeConfigFromFile(file, 'ctx-b').getCurrentCluster()?.server).toBe('http://127.0.0.1:2');
  });

  it('names the available contexts when the requested one is missing', () => {
    expect(() => kubeConfigFromFile(file, 'ctx-c')).toThrow(/no context "ctx-c" \(contexts: ctx-a, ctx-b\)/);
  });

  it('fails as unreadable for a missing file', () => {
    expect(() => kubeConfigFromFile(join(dir, 'absent'))).toThrow(
      expect.objectContaining({ step: 'kubeconfig', reason: 'KubeconfigUnreadable' }),
    );
  });
});
