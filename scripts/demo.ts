/**
 * `npm run demo`: meshcd's main job on one machine, with embedded defaults. The whole deployed system
 * runs locally (App Mesh and Kubernetes emulators, DynamoDB, a git server, the event bus and the Lambda
 * handlers behind a webhook URL); the story is told step by step with the real `meshcd` commands.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DescribeVirtualNodeCommand, UpdateVirtualNodeCommand } from '@aws-sdk/client-app-mesh';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  formatEventLine,
  localRepository,
  localStatusRepository,
  localTableName,
  localTargetId,
  main,
  startLocalSystem,
} from '@meshcd/cli';
import { appMeshClientFor } from '@meshcd/emulators';
import { signGitHubBody } from '@meshcd/events';
import { createDynamoStateStore } from '@meshcd/state';

const execFileAsync = promisify(execFile);
const shared = join(import.meta.dirname, '..', '..', 'shared');
const manifestPath = join(shared, 'corpus/howto-k8s-http-headers/v1beta2-manifest.yaml');

let n = 0;
const step = (text: string) => process.stdout.write(`\n\x1b[1m[${++n}] ${text}\x1b[0m\n`);
const say = (text: string) => process.stdout.write(`    ${text}\n`);
const meshcd = async (...args: string[]) => {
  say(`$ meshcd ${args.join(' ')}`);
  const code = await main(['node', 'meshcd', ...args]);
  say(`(exit ${code})`);
  return code;
};
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Everything the demo makes stays in .meshcd/demo (git-ignored), made afresh on every run.
// The functions log warnings as JSON, as in CloudWatch; the demo tells its own story instead.
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
const work = join(import.meta.dirname, '..', '.meshcd', 'demo');
await rm(work, { recursive: true, force: true });
const state = join(work, 'state');
const tree = join(work, 'mesh-config');

step('Starting the local system: App Mesh and Kubernetes emulators, DynamoDB, git, event bus, functions');
// The event log `meshcd local up` prints: one line per push, reconcile outcome and drift found.
const system = await startLocalSystem(state, {
  onEvent: (entry) => say(`event: ${formatEventLine(entry, 'text', new Date()).trimEnd()}`),
});
const { endpoints } = system;
try {
  for (const [name, url] of Object.entries(endpoints)) say(`${name.padEnd(18)} ${url}`);
  const secret = (await readFile(endpoints.webhookSecretFile!, 'utf8')).trim();
  let pushedAt = Math.floor(Date.now() / 1000);

  /** Commits the tree to the local git server and delivers GitHub's push webhook for it. */
  const pushAndNotify = async (message: string, signWith = secret, branch = 'main') => {
    const content = await readFile(join(tree, 'mesh.yaml'), 'utf8');
    const revision = await system.git.commit(localRepository, {
      files: { 'mesh.yaml': content },
      message,
      replaceAll: true,
      branch,
    });
    pushedAt += 1;
    const body = JSON.stringify({
      ref: 'refs/heads/main',
      before: `${'0'.repeat(39)}1`,
      after: revision,
      commits: [],
      pusher: { name: 'platform-team' },
      repository: { full_name: 'platform/mesh-config', clone_url: endpoints.repository, pushed_at: pushedAt },
    });
    const response = await fetch(endpoints.webhook!, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'push',
        'x-github-delivery': randomUUID(),
        'x-hub-signature-256': signGitHubBody(body, signWith),
      },
      body,
    });
    say(
      `pushed ${revision.slice(0, 12)} "${message}"; webhook answered ${response.status} ${await response.text()}`,
    );
    return revision;
  };

  /** The commit statuses the reconcile posted on `revision`, as the Git host shows them (oldest first). */
  const showCommitStatuses = async (revision: string) => {
    const url = `${endpoints.commitStatusApi}/repos/${localStatusRepository}/commits/${revision}/statuses`;
    const statuses = (await (await fetch(url)).json()) as Array<{ state: string; description: string }>;
    for (const s of statuses.reverse())
      say(`commit status on ${revision.slice(0, 12)}: ${s.state} "${s.description}"`);
  };

  /** Waits for the reconcile function's run of `revision` in the run history, and says how it went. */
  const reconciled = async (revision: string) => {
    const state = createDynamoStateStore({
      client: new DynamoDBClient({
        endpoint: endpoints.dynamodb!,
        region: 'us-west-2',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }),
      tableName: localTableName,
    });
    for (let i = 0; i < 120; i++) {
      const run = (await state.listRuns(localTargetId, 5)).find(
        (r) => r.revision === revision && r.mode === 'apply',
      );
      if (run) {
        say(
          `reconcile ${run.outcome}: ${Object.entries(run.summary)
            .map(([k, v]) => `${v} ${k}`)
            .join(', ')}`,
        );
        await showCommitStatuses(revision);
        return;
      }
      await settle(250);
    }
    say('no reconcile finished in time');
  };

  step('A platform team keeps a real App Mesh manifest set in Git; meshcd validates it');
  await mkdir(tree, { recursive: true });
  await writeFile(join(tree, 'mesh.yaml'), await readFile(manifestPath, 'utf8'));
  await meshcd('validate', tree);

  step('Before pushing, meshcd plan shows what would change (exit 2: changes pending)');
  await meshcd('plan', tree, '--local', '--state', state);

  step(
    'git push: the signed webhook lands on the ingest function, a Git Push goes to the bus, reconcile runs',
  );
  await reconciled(await pushAndNotify('Add the http-headers mesh'));
  say('a fresh plan finds nothing left to do in App Mesh:');
  await meshcd('plan', tree, '--local', '--state', state);

  step('The cluster got the plain objects and, without any webhook, the Envoy sidecar (kubectl)');
  // Asynchronous: the Kubernetes emulator answering kubectl runs in this very process.
  const kubectl = async (...args: string[]) =>
    (await execFileAsync('kubectl', ['--kubeconfig', endpoints.kubeconfig!, ...args])).stdout.trim();
  say(`$ kubectl get deployments -n howto-k8s-http-headers`);
  for (const line of (await kubectl('get', 'deployments', '-n', 'howto-k8s-http-headers')).split('\n'))
    say(line);
  const blue = JSON.parse(
    await kubectl('get', 'deployment', 'blue', '-n', 'howto-k8s-http-headers', '-o', 'json'),
  ) as {
    spec: {
      template: {
        spec: { containers: Array<{ name: string; env?: Array<{ name: string; value?: string }> }> };
      };
    };
  };
  for (const c of blue.spec.template.spec.containers) {
    const arn = c.env?.find((e) => e.name === 'APPMESH_RESOURCE_ARN')?.value;
    say(`container ${c.name}${arn ? `  APPMESH_RESOURCE_ARN=${arn}` : ''}`);
  }

  step('A second push shifts the color route weights; plan shows the field-level diff first');
  const original = await readFile(join(tree, 'mesh.yaml'), 'utf8');
  await writeFile(join(tree, 'mesh.yaml'), original.replace(/weight: 1\b/g, 'weight: 5'));
  await meshcd('plan', tree, '--local', '--state', state);
  await reconciled(await pushAndNotify('Shift route weights'));
  say('App Mesh now matches Git:');
  await meshcd('plan', tree, '--local', '--state', state);

  step('A forged webhook (wrong signature) is rejected and changes nothing');
  await writeFile(join(tree, 'mesh.yaml'), original.replace(/weight: 1\b/g, 'weight: 99'));
  // The forger's commit lives on a branch of its own: main's head stays what the team pushed, so nothing
  // (not even the scheduled sweep, which reconciles the branch head) can pick the forged weights up.
  await pushAndNotify('Forged change', 'not-the-secret', 'forged');
  await writeFile(join(tree, 'mesh.yaml'), original.replace(/weight: 1\b/g, 'weight: 5'));
  say('the weights are still 5:');
  await meshcd('plan', tree, '--local', '--state', state);

  step('A push with an invalid manifest is refused: nothing changes, and everyone can see why');
  await writeFile(join(tree, 'mesh.yaml'), original.replace(/weight: 1\b/, 'weight: -3'));
  await reconciled(await pushAndNotify('Negative weight'));
  await meshcd('status', '--local', '--state', state);
  await writeFile(join(tree, 'mesh.yaml'), original.replace(/weight: 1\b/g, 'weight: 5'));
  await reconciled(await pushAndNotify('Back to valid weights'));
  await meshcd('status', '--local', '--state', state);

  step('Someone edits a virtual node by hand in App Mesh; meshcd drift names the field (exit 2: drift)');
  const appmesh = appMeshClientFor({ endpoint: endpoints.appmesh!, accountId: '111122223333' });
  const meshName = 'howto-k8s-http-headers';
  const nodeName = 'blue_howto-k8s-http-headers';
  const { virtualNode } = await appmesh.send(
    new DescribeVirtualNodeCommand({ meshName, virtualNodeName: nodeName }),
  );
  const spec = structuredClone(virtualNode!.spec!);
  spec.listeners![0]!.portMapping!.port = 9090;
  // App Mesh filled the health check's port from the old listener port and refuses a mismatch; a person
  // moving the port sends the health check without one.
  if (spec.listeners![0]!.healthCheck) delete spec.listeners![0]!.healthCheck.port;
  await appmesh.send(new UpdateVirtualNodeCommand({ meshName, virtualNodeName: nodeName, spec }));
  say(`UpdateVirtualNode ${nodeName}: listener port → 9090 (out of band)`);
  await meshcd('drift', '--local', '--state', state);

  step('A self-contained HTML report while the drift is there: the edited node is outlined in red');
  const driftReport = join(work, 'report-drift.html');
  await meshcd('report', '--local', '--state', state, '--format', 'html', '--out', driftReport);
  say(`report written to ${driftReport}`);

  step('Self-heal restores what was last applied; drift is gone');
  await meshcd('drift', '--local', '--state', state, '--heal');
  await meshcd('drift', '--local', '--state', state);

  step('The report again after healing: the same topology, everything in sync');
  const report = join(work, 'report.html');
  await meshcd('report', '--local', '--state', state, '--format', 'html', '--out', report);
  say(`report written to ${report}; open both side by side`);

  // The same manifests on VPC Lattice, in a local world of their own beside the App Mesh one.
  const latticeState = join(work, 'lattice');
  step('Leaving App Mesh: the migration report says what each object becomes on VPC Lattice');
  const migration = join(work, 'migration.md');
  await meshcd('migrate', tree, '--to', 'lattice', '--out', migration);
  const summary = (await readFile(migration, 'utf8')).split('\n').filter((l) => l.trim() !== '');
  for (const line of summary.slice(0, 12)) say(`  ${line}`);
  say(`the whole report: ${migration} (exact, approximate and lost fields, name changes, cut-over order)`);

  step('The same manifests planned and applied on VPC Lattice: nothing goes to App Mesh');
  await meshcd('plan', tree, '--local', '--state', latticeState, '--provider', 'lattice');
  await meshcd('apply', tree, '--local', '--state', latticeState, '--provider', 'lattice', '--yes');

  step('Planned again, the Lattice world needs nothing (exit 0); its target remembers its provider');
  await meshcd('plan', tree, '--local', '--state', latticeState);

  step('Drift on VPC Lattice: every service, listener, rule and target group in sync (exit 0)');
  await meshcd('drift', '--local', '--state', latticeState);
} finally {
  step('Stopping the local system');
  await system.close();
  say(`the local world stays in ${state}: try  npx meshcd plan ${tree} --local --state ${state}`);
}
