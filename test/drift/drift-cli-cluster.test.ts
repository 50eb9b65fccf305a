import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { DriftReport } from '@meshcd/cli';
import { startKubeEmulator } from '@meshcd/emulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rbacResources } from '../cluster/cluster-world.ts';
import { corpusScenarios, hasShared } from '../corpus/corpus.ts';
import { materialiseRevision } from '../corpus/materialise-revision.ts';
import { runCli } from '../engine/run-cli.ts';

const namespace = 'howto-k8s-connection-pools';
const deployment = 'green';

type Container = { name: string; image?: string };

describe.runIf(hasShared())('meshcd drift and meshcd report on the local cluster', () => {
  const root = mkdtempSync(join(tmpdir(), 'meshcd-drift-cli-kube-'));
  const state = join(root, 'state');
  const tree = join(root, 'tree');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  beforeAll(async () => {
    const scenario = corpusScenarios().find((s) => s.folder === 'howto-k8s-connection-pools')!;
    for (const f of materialiseRevision(scenario.revisions.at(-1)!)) {
      mkdirSync(dirname(join(tree, f.path)), { recursive: true });
      writeFileSync(join(tree, f.path), f.content);
    }
    expect((await runCli('apply', tree, '--local', '--state', state)).code).toBe(0);
  });

  /** `kubectl set image` on the world's cluster: a merge patch by another field manager. */
  async function changeImageOutOfBand(): Promise<{ container: string; image: string }> {
    const kube = await startKubeEmulator({ stateDir: state, extraResources: rbacResources });
    try {
      const path = `${kube.endpoint}/apis/apps/v1/namespaces/${namespace}/deployments/${deployment}`;
      const live = (await (await fetch(path)).json()) as {
        spec: { template: { spec: { containers: Container[] } } };
      };
      const containers = live.spec.template.spec.containers;
      const app = containers.find((c) => c.name !== 'envoy')!;
      const patch = {
        spec: {
          template: {
            spec: { containers: containers.map((c) => (c === app ? { ...c, image: 'rogue:2' } : c)) },
          },
        },
      };
      const response = await fetch(`${path}?fieldManager=kubectl-set`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/merge-patch+json' },
        body: JSON.stringify(patch),
      });
      expect(response.status).toBe(200);
      return { container: app.name, image: app.image! };
    } finally {
      await kube.close();
    }
  }

  it('exits 0 with the cluster objects and injections counted in sync after apply', async () => {
    const json = await runCli('drift', '--local', '--state', state, '--output', 'json');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as DriftReport;
    expect(report.items.filter((i) => i.provider === 'kube' && i.state === 'InSync').length).toBeGreaterThan(
      5,
    );
    expect(report.items.some((i) => i.subject === 'injection')).toBe(true);
  });

  it('exits 2 naming the changed field of a Deployment, reports it in every format, and heals on request', async () => {
    const { container, image } = await changeImageOutOfBand();
    const path = `spec.template.spec.containers[name=${container}].image`;
    const drift = await runCli('drift', '--local', '--state', state);
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain(
      `~ Deployment ${deployment} (namespace ${namespace}) changed outside meshcd`,
    );
    expect(drift.stdout).toContain(`~ ${path}: "rogue:2" → expected "${image}"`);

    const md = join(root, 'report.md');
    expect((await runCli('report', '--local', '--state', state, '--format', 'md', '--out', md)).code).toBe(0);
    expect(readFileSync(md, 'utf8')).toContain(
      `| Modified | Deployment | ${deployment} | namespace ${namespace} |`,
    );
    const html = join(root, 'report.html');
    expect(
      (await runCli('report', '--local', '--state', state, '--format', 'html', '--out', html)).code,
    ).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain(
      `data-key="kube:${namespace}/apps/Deployment/${deployment}"`,
    );
    const json = join(root, 'report.json');
    expect(
      (await runCli('report', '--local', '--state', state, '--format', 'json', '--out', json)).code,
    ).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8')) as DriftReport;
    expect(report.items.filter((i) => i.state !== 'InSync')).toEqual([
      expect.objectContaining({
        provider: 'kube',
        kind: 'Deployment',
        name: deployment,
        state: 'Modified',
        differences: [{ path, expected: image, actual: 'rogue:2' }],
      }),
    ]);

    // Everything found was healed: exit 0, as `drift --heal` answers when nothing is left drifted.
    const heal = await runCli('drift', '--local', '--state', state, '--heal');
    expect(heal.code).toBe(0);
    expect(heal.stdout).toContain(
      'Self-heal: 1 cluster object(s) and injection(s) restored to what was last applied.',
    );
    expect((await runCli('drift', '--local', '--state', state)).code).toBe(0);
  });
});
