/**
 * `npm run demo`: meshcd's main job on one machine, with embedded defaults. The whole deployed system
 * runs locally (App Mesh and Kubernetes emulators, DynamoDB, a git server, the event bus and the Lambda
 * handlers behind a webhook URL); the story is told step by step with the real `meshcd` commands.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DescribeVirtualNodeCommand, UpdateVirtualNodeCommand } from '@aws-sdk/client-app-mesh';
import { formatEventLine, localRepository, startLocalSystem } from '@meshcd/cli';
import { appMeshClientFor } from '@meshcd/emulators';
import { kubectlFor } from './demo/kubectl.ts';
import { latticeChapter, startLatticeSystem } from './demo/lattice-chapter.ts';
import { localWebhook } from './demo/local-webhook.ts';
import { meshcd, say, step } from './demo/narrate.ts';

const shared = join(import.meta.dirname, '..', '..', 'shared');
const manifestPath = join(shared, 'corpus/howto-k8s-http-headers/v1beta2-manifest.yaml');

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
const webhook = await localWebhook(endpoints);
// The last chapter's system, VPC Lattice's: its own process, started now so it is up when the story
// gets there.
const lattice = startLatticeSystem(work);
try {
  for (const [name, url] of Object.entries(endpoints)) say(`${name.padEnd(18)} ${url}`);
  /** Commits the tree to the local git server and delivers GitHub's push webhook for it. */
  const push = async (message: string, options: { signWith?: string; branch?: string } = {}) => {
    const revision = await system.git.commit(localRepository, {
      files: { 'mesh.yaml': await readFile(join(tree, 'mesh.yaml'), 'utf8') },
      message,
      replaceAll: true,
      branch: options.branch ?? 'main',
    });
    await webhook.notify(revision, message, options.signWith);
    return revision;
  };

  step('A platform team keeps a real App Mesh manifest set in Git; meshcd validates it');
  await mkdir(tree, { recursive: true });
  await writeFile(join(tree, 'mesh.yaml'), await readFile(manifestPath, 'utf8'));
  await meshcd(0, 'validate', tree);

  step('Before pushing, meshcd plan shows what would change (exit 2: changes pending)');
  await meshcd(2, 'plan', tree, '--local', '--state', state);

  step(
    'git push: the signed webhook lands on the ingest function, a Git Push goes to the bus, reconcile runs',
  );
  await webhook.reconciled(await push('Add the http-headers mesh'));
  say('a fresh plan finds nothing left to do in App Mesh:');
  await meshcd(0, 'plan', tree, '--local', '--state', state);

  step('The cluster got the plain objects and, without any webhook, the Envoy sidecar (kubectl)');
  // Asynchronous: the Kubernetes emulator answering kubectl runs in this very process.
  const kubectl = kubectlFor(endpoints.kubeconfig!);
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
  await meshcd(2, 'plan', tree, '--local', '--state', state);
  await webhook.reconciled(await push('Shift route weights'));
  say('App Mesh now matches Git:');
  await meshcd(0, 'plan', tree, '--local', '--state', state);

  step('A forged webhook (wrong signature) is rejected and changes nothing');
  await writeFile(join(tree, 'mesh.yaml'), original.replace(/weight: 1\b/g, 'weight: 99'));
  // The forger's commit lives on a branch of its own: main's head stays what the team pushed, so nothing
  // (not even the scheduled sweep, which reconciles the branch head) can pick the forged weights up.
  await push('Forged change', { signWith: 'not-the-secret', branch: 'forged' });
  await writeFile(join(tree, 'mesh.yaml'), original.replace(/weight: 1\b/g, 'weight: 5'));
  say('the weights are still 5:');
  await meshcd(0, 'plan', tree, '--local', '--state', state);

  step('A push with an invalid manifest is refused: nothing changes, and everyone can see why');
  await writeFile(join(tree, 'mesh.yaml'), original.replace(/weight: 1\b/, 'weight: -3'));
  await webhook.reconciled(await push('Negative weight'));
  await meshcd(2, 'status', '--local', '--state', state);
  await writeFile(join(tree, 'mesh.yaml'), original.replace(/weight: 1\b/g, 'weight: 5'));
  await webhook.reconciled(await push('Back to valid weights'));
  await meshcd(0, 'status', '--local', '--state', state);

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
  await meshcd(2, 'drift', '--local', '--state', state);

  step('A self-contained HTML report while the drift is there: the edited node is outlined in red');
  const driftReport = join(work, 'report-drift.html');
  await meshcd(0, 'report', '--local', '--state', state, '--format', 'html', '--out', driftReport);
  say(`report written to ${driftReport}`);

  step('Self-heal restores what was last applied; drift is gone');
  await meshcd(0, 'drift', '--local', '--state', state, '--heal');
  await meshcd(0, 'drift', '--local', '--state', state);

  step('The report again after healing: the same topology, everything in sync');
  const report = join(work, 'report.html');
  await meshcd(0, 'report', '--local', '--state', state, '--format', 'html', '--out', report);
  say(`report written to ${report}; open both side by side`);

  // The same manifests on VPC Lattice, in a local world of their own beside the App Mesh one.
  await latticeChapter(tree, work, lattice);
} finally {
  step('Stopping the local system');
  webhook.close();
  await lattice.stop();
  await system.close();
  say(`the local world stays in ${state}: try  npx meshcd plan ${tree} --local --state ${state}`);
}
