import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.ts';
import { parseRuntimeConfig } from './runtime-config.ts';

const target = {
  id: 'payments',
  source: { repository: 'https://github.com/org/mesh.git', branch: 'main' },
  accountId: '123456789012',
  region: 'eu-west-1',
};
const base = { MESHCD_TABLE: 'state', MESHCD_BUS: 'bus', MESHCD_TARGETS: JSON.stringify([target]) };

const errorOf = (env: Record<string, string>) => {
  try {
    parseRuntimeConfig(env);
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
};

describe('parseRuntimeConfig', () => {
  it('parses targets with the default policy and path filled in', () => {
    const config = parseRuntimeConfig(base);
    expect(config.targets).toEqual([
      {
        ...target,
        source: { ...target.source, path: '.' },
        policy: { prune: true, pruneGuardRatio: 0.5, selfHeal: false, adopt: false, driftIgnore: [] },
      },
    ]);
    expect(config.maxWebhookBytes).toBe(1024 * 1024);
    expect(config.endpoints).toEqual({});
  });

  it('reads this container’s share of the App Mesh rates, and leaves them to the adapter when unset', () => {
    expect(parseRuntimeConfig(base).appMeshRates).toEqual({});
    const config = parseRuntimeConfig({
      ...base,
      MESHCD_APPMESH_READ_RATE: '6.67',
      MESHCD_APPMESH_WRITE_RATE: '1.33',
      MESHCD_APPMESH_BURST: '1',
    });
    expect(config.appMeshRates).toEqual({ read: 6.67, write: 1.33, burst: 1 });
    expect(errorOf({ ...base, MESHCD_APPMESH_WRITE_RATE: '0' }).variable).toBe('MESHCD_APPMESH_WRITE_RATE');
  });

  it('reads the secrets the deployment links, and lets the environment’s win (local mode)', () => {
    const linked: Record<string, string> = {
      GithubWebhookSecret: 'gh-linked',
      GitlabWebhookSecret: 'gl-linked',
      GitCredentials: 'user:token',
    };
    const config = parseRuntimeConfig(base, (name) => linked[name]);
    expect(config.webhookSecrets).toEqual({ github: 'gh-linked', gitlab: 'gl-linked' });
    expect(config.gitCredentials).toEqual({ GitCredentials: 'user:token' });
    const local = parseRuntimeConfig(
      { ...base, MESHCD_GITHUB_WEBHOOK_SECRET: 'gh-env' },
      (name) => linked[name],
    );
    expect(local.webhookSecrets.github).toBe('gh-env');
    expect(parseRuntimeConfig(base, () => '').gitCredentials).toEqual({});
  });

  it('names a missing required variable', () => {
    const error = errorOf({ MESHCD_BUS: 'bus' });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.variable).toBe('MESHCD_TABLE');
    expect(error.message).toBe('MESHCD_TABLE: is required but not set');
  });

  it('names the index and field of a bad target', () => {
    const bad = [target, { ...target, id: 'other', accountId: '12' }];
    const error = errorOf({ ...base, MESHCD_TARGETS: JSON.stringify(bad) });
    expect(error.message).toMatch(/^MESHCD_TARGETS: \[1\]\[accountId\]: a 12-digit AWS account id/);
  });

  it('refuses two targets with one id', () => {
    const error = errorOf({ ...base, MESHCD_TARGETS: JSON.stringify([target, target]) });
    expect(error.message).toContain("duplicate target id 'payments'");
  });

  it('says when MESHCD_TARGETS is not JSON', () => {
    expect(errorOf({ ...base, MESHCD_TARGETS: '[{' }).message).toMatch(/^MESHCD_TARGETS: not JSON/);
  });

  it('reads endpoint overrides and webhook secrets for local mode', () => {
    const config = parseRuntimeConfig({
      ...base,
      MESHCD_APPMESH_ENDPOINT: 'http://127.0.0.1:4000',
      MESHCD_GITHUB_WEBHOOK_SECRET: 's3cret',
      POWERTOOLS_TRACE_ENABLED: 'false',
    });
    expect(config.endpoints).toEqual({ appMesh: 'http://127.0.0.1:4000' });
    expect(config.webhookSecrets).toEqual({ github: 's3cret' });
    expect(config.tracing).toBe(false);
  });

  it('rejects an endpoint that is not a URL', () => {
    expect(errorOf({ ...base, MESHCD_DYNAMODB_ENDPOINT: 'localhost' }).variable).toBe(
      'MESHCD_DYNAMODB_ENDPOINT',
    );
  });
});
