import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type GitHostApiHandle, startGitHostApi } from '@meshcd/emulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { corpusDir, hasShared } from '../corpus/corpus.ts';
import { runCli } from '../engine/run-cli.ts';

const repoRoot = join(import.meta.dirname, '..', '..');
const workflowFile = join(repoRoot, 'examples', 'github-actions', 'meshcd-plan.yml');

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}
interface Workflow {
  env: Record<string, string>;
  jobs: { plan: { steps: Step[] } };
}

interface StepResult {
  step: Step;
  code: number;
  stdout: string;
  outputs: Record<string, string>;
}

/**
 * Runs the workflow's shell steps as a GitHub runner would (bash -eo pipefail, the workflow's env, the
 * step's env with its expressions resolved, GITHUB_OUTPUT), in a clone of a local repository. The
 * `uses:` steps are GitHub's own actions and the install step installs this very repository, so those
 * are the only ones left out. Steps run asynchronously: the Git host API they call lives in this process.
 */
async function runWorkflow(
  workspace: string,
  env: Record<string, string>,
  expressions: Record<string, string>,
) {
  const workflow = parse(readFileSync(workflowFile, 'utf8')) as Workflow;
  const results: StepResult[] = [];
  const skipped: string[] = [];
  const resolve = (text: string) =>
    text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
      const step = expr.match(/^steps\.(\w+)\.outputs\.(\w+)$/);
      if (step) return results.find((r) => r.step.id === step[1])?.outputs[step[2]!] ?? '';
      if (!(expr in expressions)) throw new Error(`unresolved expression in the workflow: ${expr}`);
      return expressions[expr]!;
    });
  const condition = (expr: string) =>
    expr.split('&&').every((term) => {
      const t = term.trim();
      if (t === 'always()') return true;
      const outcome = t.match(/^steps\.(\w+)\.outcome == '(\w+)'$/);
      if (!outcome) throw new Error(`unsupported condition: ${t}`);
      const r = results.find((x) => x.step.id === outcome[1]);
      return (r?.code === 0 ? 'success' : 'failure') === outcome[2];
    });
  for (const step of workflow.jobs.plan.steps) {
    if (step.uses || step['working-directory'] === 'meshcd') {
      skipped.push(step.name ?? step.uses!);
      continue;
    }
    if (step.if && !condition(step.if)) continue;
    const output = join(workspace, '..', `output-${results.length}`);
    writeFileSync(output, '');
    const stepEnv = Object.fromEntries(
      Object.entries(step.env ?? {}).map(([k, v]) => [k, resolve(String(v))]),
    );
    const run = await runShell(step.run!, workspace, {
      ...process.env,
      ...workflow.env,
      ...env,
      ...stepEnv,
      GITHUB_OUTPUT: output,
    });
    const outputs = Object.fromEntries(
      readFileSync(output, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    results.push({ step, code: run.code, stdout: run.output, outputs });
  }
  return { results, skipped, byId: (id: string) => results.find((r) => r.step.id === id)! };
}

/** GitHub's shell for `run:` (bash --noprofile --norc -eo pipefail), its output and exit code. */
function runShell(script: string, cwd: string, env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number; output: string }>((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { cwd, env });
    let output = '';
    child.stdout.on('data', (c: Buffer) => {
      output += c;
    });
    child.stderr.on('data', (c: Buffer) => {
      output += c;
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=dev', '-c', 'user.email=dev@example.com', ...args], {
    cwd,
    encoding: 'utf8',
  });

describe.runIf(hasShared())('the example pull-request workflow', () => {
  const root = mkdtempSync(join(tmpdir(), 'meshcd-workflow-'));
  const state = join(root, 'deployed');
  const origin = join(root, 'origin.git');
  const manifest = readFileSync(join(corpusDir, 'howto-k8s-http-headers/v1beta2-manifest.yaml'), 'utf8');
  let host: GitHostApiHandle;
  const token = 'pull-request-token';

  beforeAll(async () => {
    host = await startGitHostApi({ token });
    // The manifest repository: main holds what is deployed.
    const seed = join(root, 'seed');
    mkdirSync(join(seed, 'mesh'), { recursive: true });
    writeFileSync(join(seed, 'mesh', 'mesh.yaml'), manifest);
    git(root, 'init', '-q', '--bare', origin);
    git(seed, 'init', '-q', '-b', 'main');
    git(seed, 'add', '.');
    git(seed, 'commit', '-q', '-m', 'mesh');
    git(seed, 'push', '-q', origin, 'main');
    // The target, deployed from main (the local world stands in for the deployment).
    expect((await runCli('apply', join(seed, 'mesh'), '--local', '--state', state)).code).toBe(0);
  }, 180_000);
  afterAll(async () => {
    await host?.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** A pull request: a branch with `change` applied to the manifests, checked out as a runner would. */
  function pullRequest(name: string, change: (text: string) => string) {
    const workspace = join(root, name);
    git(root, 'clone', '-q', '-b', 'main', origin, workspace);
    git(workspace, 'checkout', '-q', '-b', name);
    writeFileSync(join(workspace, 'mesh', 'mesh.yaml'), change(manifest));
    git(workspace, 'commit', '-q', '-am', name);
    git(workspace, 'push', '-q', 'origin', name);
    return workspace;
  }

  const env = {
    PATH: `${dirname(process.execPath)}:${process.env.PATH}`,
    MESHCD: `node ${join(repoRoot, 'packages', 'cli', 'bin', 'meshcd.js')}`,
    MESHCD_TARGET_FLAGS: `--local --state ${state}`,
    GITHUB_REPOSITORY: 'platform/mesh-config',
  };

  it('validates, plans a weight change and comments the plan table on the pull request', async () => {
    const workspace = pullRequest('shift-weights', (t) => t.replace(/weight: 1\b/g, 'weight: 5'));
    const run = await runWorkflow(
      workspace,
      { ...env, GITHUB_API_URL: host.githubApiUrl },
      { 'secrets.GITHUB_TOKEN': token, 'github.event.pull_request.number': '7' },
    );
    expect(run.skipped).toEqual([
      'Check out the manifests',
      'Check out meshcd',
      'actions/setup-node@v4',
      'Install meshcd',
      'aws-actions/configure-aws-credentials@v4',
    ]);
    expect(run.results.map((r) => [r.step.name, r.code])).toEqual([
      ['Validate', 0],
      ['Plan', 0],
      ['Comment the plan on the pull request', 0],
      ['Fail on invalid manifests or a refused plan', 0],
    ]);
    expect(run.byId('validate').outputs.exit).toBe('0');
    expect(run.byId('plan').outputs.exit).toBe('2');
    const comments = host.comments.filter((c) => c.issue === 7);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.repository).toBe('platform/mesh-config');
    expect(comments[0]?.body).toContain('📝 **Changes pending.**');
    expect(comments[0]?.body).toMatch(
      /\| 🟡 update \| Route \*\*color-route-blue\*\* of router color_howto-k8s-http-headers \(mesh howto-k8s-http-headers\)<br>_spec-changed_ \| ~ `httpRoute\.action\.weightedTargets\[virtualNode=blue_howto-k8s-http-headers\]\.weight` \| `1` \| `5` \| `mesh\.yaml:\d+:\d+` \|/,
    );
  }, 300_000);

  it('comments the errors with file:line and fails the check when the manifests are invalid', async () => {
    const workspace = pullRequest('negative-weight', (t) => t.replace(/weight: 1\b/, 'weight: -3'));
    const run = await runWorkflow(
      workspace,
      { ...env, GITHUB_API_URL: host.githubApiUrl },
      { 'secrets.GITHUB_TOKEN': token, 'github.event.pull_request.number': '8' },
    );
    expect(run.results.map((r) => r.code)).toEqual([0, 0, 0, 1]);
    expect(run.byId('validate').outputs.exit).toBe('1');
    expect(run.byId('plan').outputs.exit).toBe('1');
    expect(run.results.at(-1)?.stdout).toContain('meshcd validate failed (exit 1)');
    const body = host.comments.find((c) => c.issue === 8)?.body;
    expect(body).toContain('⛔ **Refused: nothing would be applied.**');
    expect(body).toMatch(
      /\| `mesh\.yaml:\d+:\d+` \| VirtualRouter\/howto-k8s-http-headers\/color \| `spec\.routes\[0\]\.httpRoute\.action\.weightedTargets\[0\]\.weight` \| must be at least 0, not -3 \(invalid-value\) \|/,
    );
  }, 300_000);

  it('fails the comment step when the Git host refuses the token', async () => {
    const workspace = pullRequest('bad-token', (t) => t.replace(/weight: 1\b/g, 'weight: 7'));
    const run = await runWorkflow(
      workspace,
      { ...env, GITHUB_API_URL: host.githubApiUrl },
      { 'secrets.GITHUB_TOKEN': 'wrong', 'github.event.pull_request.number': '9' },
    );
    expect(run.results.find((r) => r.step.name === 'Comment the plan on the pull request')?.code).not.toBe(0);
    expect(host.comments.filter((c) => c.issue === 9)).toEqual([]);
  }, 300_000);
});
