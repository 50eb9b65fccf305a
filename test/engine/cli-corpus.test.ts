import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CorpusFile } from '../corpus/corpus.ts';
import { corpusScenarios, hasShared } from '../corpus/corpus.ts';
import { materialiseRevision } from '../corpus/materialise-revision.ts';
import { runCli } from './run-cli.ts';

/** The JSON `plan`/`apply --output json` print, as far as these tests read it. */
interface Report {
  status: string;
  summary: Record<'create' | 'update' | 'delete' | 'unchanged' | 'skip', number> | null;
  blockers: unknown[];
  changes: Array<{ action: string; key: string }>;
  diagnostics: Array<{ severity: string; file: string; line: number; object: string; path: string }>;
  apply?: { complete: boolean; writes: number; failed: number; skipped: number; notStarted: number };
}

/** Corpus revisions with defects of their own (the exact errors are pinned in corpus-validate.test.ts). */
const INVALID = new Set([
  'eks-canary-deployments-pipeline/all/0',
  'eks-multi-account-spire/all/0',
  'eks-app-mesh-cross-account-acm/all/0',
  'eks-app-mesh-multi-account/all/0',
  'howto-k8s-cross-cluster/v1beta2-cluster1/0',
]);

/**
 * Namespaces the corpus applies into without defining them (its walkthroughs use `kubectl -n`). The local
 * world has no cluster to read their labels from, so the tree carries them as Namespace objects, the way a
 * repository would that keeps its namespaces in Git.
 */
const CLUSTER_NAMESPACES: Record<string, string> = {
  'eks-appmesh-connectivity': [
    'apiVersion: v1',
    'kind: Namespace',
    'metadata:',
    '  name: default',
    '  labels:',
    '    mesh: yelb-mesh',
    '    gateway: ingress-gw',
    '',
  ].join('\n'),
};

const root = mkdtempSync(join(tmpdir(), 'meshcd-cli-corpus-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Writes a revision's tree into a fresh directory, as a checkout of that commit would look. */
function writeTree(dir: string, files: CorpusFile[]): string {
  rmSync(dir, { recursive: true, force: true });
  for (const f of files) {
    const path = join(dir, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.content);
  }
  return dir;
}

/** The emulator's persisted App Mesh state: rewritten after every successful write call, never by a read. */
const appMeshState = (stateDir: string) => {
  const file = join(stateDir, 'appmesh.json');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
};

const parse = (stdout: string) => JSON.parse(stdout) as Report;
const pending = (r: Report) => r.changes.filter((c) => c.action !== 'unchanged' && c.action !== 'skip');

describe.runIf(hasShared())('every corpus scenario through the meshcd CLI on the local world', () => {
  const scenarios = hasShared() ? corpusScenarios() : [];

  for (const scenario of scenarios) {
    const name = `${scenario.folder}/${scenario.scenario}`;
    it(`${name}: apply --local exits 0 revision by revision, and plan then exits 0 with no change and no write`, async () => {
      const stateDir = join(root, name.replace('/', '--'), 'state');
      const local = ['--local', '--state', stateDir];
      for (const revision of scenario.revisions) {
        const id = `${name}/${revision.index}`;
        const extra = CLUSTER_NAMESPACES[scenario.folder];
        const files = [
          ...materialiseRevision(revision),
          ...(extra ? [{ path: 'cluster-namespaces.yaml', content: extra }] : []),
        ];
        const dir = writeTree(join(root, name.replace('/', '--'), `rev-${revision.index}`), files);
        const before = appMeshState(stateDir);

        const applied = await runCli('apply', dir, ...local, '--output', 'json');
        if (INVALID.has(id)) {
          expect(applied.code).toBe(1);
          const report = parse(applied.stdout);
          expect(report.status).toBe('refused');
          const errors = report.diagnostics.filter((d) => d.severity === 'error');
          expect(errors.length).toBeGreaterThan(0);
          // Every error names a file of the tree, a line, an object and a field.
          for (const e of errors) {
            expect(files.map((f) => f.path)).toContain(e.file);
            expect(e.line).toBeGreaterThan(0);
            expect(e.object).not.toBe('');
            expect(e.path).not.toBe('');
          }
          expect(report.apply).toBeUndefined();
          expect(appMeshState(stateDir)).toBe(before);
          continue;
        }
        expect(applied.code, applied.stderr).toBe(0);
        const report = parse(applied.stdout);
        expect(report.status).toBe('succeeded');
        expect(report.apply).toMatchObject({ complete: true, failed: 0, skipped: 0, notStarted: 0 });
        expect(report.apply!.writes).toBe(pending(report).length);
        const after = appMeshState(stateDir);
        if (pending(report).length > 0) expect(after).not.toBe(before);

        const planned = await runCli('plan', dir, ...local, '--output', 'json');
        expect(planned.code, planned.stderr).toBe(0);
        const plan = parse(planned.stdout);
        expect(plan.status).toBe('succeeded');
        expect(pending(plan)).toEqual([]);
        expect(plan.summary).toMatchObject({ create: 0, update: 0, delete: 0 });
        expect(plan.summary!.unchanged).toBeGreaterThan(0);

        const reapplied = await runCli('apply', dir, ...local, '--output', 'json');
        expect(reapplied.code, reapplied.stderr).toBe(0);
        expect(parse(reapplied.stdout).apply?.writes).toBe(0);
        expect(appMeshState(stateDir)).toBe(after);
      }

      // The human rendering of the converged state says so, and still exits 0.
      const last = scenario.revisions.at(-1)!;
      if (INVALID.has(`${name}/${last.index}`)) return;
      const text = await runCli('plan', join(root, name.replace('/', '--'), `rev-${last.index}`), ...local);
      expect(text.code).toBe(0);
      expect(text.stdout).toMatch(/Plan: 0 to create, 0 to update, 0 to delete, [1-9]\d* unchanged/);
      // A scenario is many CLI runs, each settling every workload's pods in the local cluster.
    }, 90_000);
  }

  it('refuses, naming the object and its namespace, a tree in a cluster namespace that no Mesh selects', async () => {
    // The walkthrough applies into `default` with `kubectl -n` after labelling it; the local cluster's
    // `default` carries no mesh label, so every object there is refused before any write.
    const scenario = scenarios.find((s) => s.folder === 'eks-appmesh-connectivity')!;
    const dir = writeTree(join(root, 'unlabelled', 'tree'), materialiseRevision(scenario.revisions[0]!));
    const stateDir = join(root, 'unlabelled', 'state');
    const applied = await runCli('apply', dir, '--local', '--state', stateDir);
    expect(applied.code).toBe(1);
    expect(applied.stdout).toMatch(
      /deployments-yaml-mesh-appmesh-yelb-appserver-mesh\.yaml:\d+:\d+ error \[no-matching-mesh\]\n\s+VirtualNode\/default\/yelb-appserver-node metadata\.namespace/,
    );
    expect(applied.stdout).toContain('no Mesh selects namespace "default"');
    expect(appMeshState(stateDir)).toBe('');
  });

  it('refuses, with exit 1 and the namespace named, a tree whose namespace is neither in Git nor in the cluster', async () => {
    const dir = writeTree(join(root, 'unresolved', 'tree'), [
      {
        path: 'node.yaml',
        content: [
          'apiVersion: appmesh.k8s.aws/v1beta2',
          'kind: VirtualNode',
          'metadata: {name: orders, namespace: nowhere}',
          'spec:',
          '  listeners: [{portMapping: {port: 80, protocol: http}}]',
          '  serviceDiscovery: {dns: {hostname: orders.nowhere.svc.cluster.local}}',
          '',
        ].join('\n'),
      },
    ]);
    const stateDir = join(root, 'unresolved', 'state');
    const applied = await runCli('apply', dir, '--local', '--state', stateDir);
    expect(applied.code).toBe(1);
    expect(`${applied.stdout}${applied.stderr}`).toContain('nowhere');
    expect(appMeshState(stateDir)).toBe('');
  });
});
