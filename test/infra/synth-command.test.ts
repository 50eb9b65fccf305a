import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './synth-app.ts';

const regions = ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'us-west-2', 'eu-central-1'];

const account = (i: number) => String(100000000000 + i * 7919);

/** Fifty targets as a large deployment would have them: own accounts, clusters, credentials and statuses. */
const targets = Array.from({ length: 50 }, (_, i) => {
  const n = String(i + 1).padStart(2, '0');
  return {
    id: `team-${n}-production`,
    source: {
      repository: `https://github.com/example-org/team-${n}-mesh-manifests.git`,
      branch: 'main',
      path: `clusters/production/mesh`,
      credentialsSecret: `meshcd/team-${n}/git`,
    },
    accountId: account(i),
    // Each team's own account, reached through a role there.
    role: { arn: `arn:aws:iam::${account(i)}:role/meshcd-target`, externalId: `meshcd-team-${n}` },
    region: regions[i % regions.length],
    cluster: { name: `team-${n}-production-eks` },
    policy: { prune: true, selfHeal: i % 10 === 0 },
  };
});

const secrets = {
  SST_SECRET_GithubWebhookSecret: 'gh-5f0c8e1d-secret-value',
  SST_SECRET_GitlabWebhookSecret: 'gl-9a7b3c2e-secret-value',
  SST_SECRET_GitCredentials: 'x-access-token:ghp_0123456789abcdef',
};

interface SynthOutput {
  resources: Array<{ type: string; name: string; properties: Record<string, unknown> }>;
  functions: Record<string, { bytes: number; secretVariables: string[] }>;
}

let output: SynthOutput;

/** `npm run synth -- --targets <file>` as a reviewer or CI runs it: JSON on stdout, nothing else. */
beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'meshcd-synth-targets-'));
  const file = join(dir, 'targets.json');
  await writeFile(file, JSON.stringify(targets));
  const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'synth', '--', '--targets', file], {
    cwd: repoRoot,
    env: { ...process.env, ...secrets, MESHCD_TARGETS: '' },
    maxBuffer: 256 * 1024 * 1024,
  });
  output = JSON.parse(stdout) as SynthOutput;
}, 900_000);

describe('npm run synth with 50 targets', () => {
  it('prints every resource with its type, name and properties, one target record per target', () => {
    expect(output.resources.length).toBeGreaterThan(50);
    for (const r of output.resources) expect(Object.keys(r)).toEqual(['type', 'name', 'properties']);
    expect(output.resources.filter((r) => r.type === 'aws:dynamodb/tableItem:TableItem')).toHaveLength(50);
  });

  it('keeps every function’s environment under Lambda’s 4 KB', () => {
    expect(Object.keys(output.functions).sort()).toEqual([
      'ClusterEventFunction',
      'DetectDriftFunction',
      'IngestWebhookFunction',
      'ReconcileFunction',
    ]);
    for (const [name, fn] of Object.entries(output.functions)) {
      expect({ name, under4KB: fn.bytes < 4096 }).toEqual({ name, under4KB: true });
    }
  });

  it('puts no secret value in any environment, and prints none', () => {
    for (const [name, fn] of Object.entries(output.functions)) {
      expect({ name, secrets: fn.secretVariables }).toEqual({ name, secrets: [] });
    }
    const printed = JSON.stringify(output);
    for (const value of Object.values(secrets)) expect(printed).not.toContain(value);
  });
});
