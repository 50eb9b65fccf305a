import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { envoyReadinessWait } from './compute-injection.ts';
import { injectorOptions } from './injector-options.ts';

const dir = mkdtempSync(join(tmpdir(), 'readiness-wait-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs the postStart script as the Envoy image's shell (bash) would, with stand-ins for the two binaries it
 * calls: `envoy --version` prints the given version line, `agent` prints the polling settings it was given.
 */
function runHook(versionLine: string): string {
  const envoy = join(dir, 'envoy');
  const agent = join(dir, 'agent');
  writeFileSync(envoy, `#!/bin/sh\necho '${versionLine}'\n`);
  writeFileSync(
    agent,
    '#!/bin/sh\necho "agent $1 timeout=$APPNET_AGENT_POLL_ENVOY_READINESS_TIMEOUT_S interval=$APPNET_AGENT_POLL_ENVOY_READINESS_INTERVAL_S"\n',
  );
  chmodSync(envoy, 0o755);
  chmodSync(agent, 0o755);
  const options = injectorOptions(
    { region: 'us-west-2', accountId: '123456789012' },
    { waitUntilProxyReady: true, postStartTimeoutSeconds: 42, postStartIntervalSeconds: 3 },
  );
  const script = envoyReadinessWait(options)[2]!
    .replaceAll('/usr/bin/envoy', envoy)
    .replaceAll('/usr/bin/agent', agent);
  return execFileSync('bash', ['-c', script], { encoding: 'utf8' }).trim();
}

const line = (v: string) => `/usr/bin/envoy  version: 0123abcd/${v}/Modified/RELEASE/BoringSSL`;

describe('the postStart readiness wait, run against the Envoy in the container', () => {
  it.each([
    '1.22.2-appmesh.1',
    '1.22.3-appmesh.0',
    '1.29.6-appmesh.0',
    '1.34.13-appmesh.3',
    '2.0.0-appmesh.0',
  ])('waits for readiness on Envoy %s with the configured timeout and interval', (version) => {
    expect(runHook(line(version))).toBe('agent -envoyReadiness timeout=42 interval=3');
  });

  it.each(['1.22.2-appmesh.0', '1.21.9-appmesh.5', '1.15.0-appmesh.1'])(
    'only says so on Envoy %s, which has no readiness agent',
    (version) => {
      expect(runHook(line(version))).toBe('WaitUntilProxyReady is not supported in Envoy version < 1.22.2.1');
    },
  );
});
