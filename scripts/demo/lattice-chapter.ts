import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { latticeClientFor } from '@meshcd/emulators';
import { type Kubectl, kubectlFor, podSelectors, readyPods } from './kubectl.ts';
import { ruleWeights, type TargetGroupView, targetGroups } from './lattice-view.ts';
import { type LocalUpProcess, startLocalUp } from './local-up-process.ts';
import { localWebhook } from './local-webhook.ts';
import { DemoStepFailed, meshcd, say, step, until } from './narrate.ts';

const execFileAsync = promisify(execFile);

/** A target group beside the ready pods its VirtualNode's podSelector picks. */
interface Membership {
  group: TargetGroupView;
  selector: string;
  pods: Array<{ name: string; ip: string }>;
}

/** The default route: a quarter of it shifts to blue in the chapter's push. */
const shiftedRoute = 'color-route-white';
const whiteOnly = /( {12}- virtualNodeRef:\n {16}name: white\n {14}weight: )\d+\n/;
/** The weights the push sets, by the node a target group is named after. */
const shiftedWeights = { white: 3, blue: 1 };
const blueTarget = [
  '            - virtualNodeRef:',
  '                name: blue',
  `              weight: ${shiftedWeights.blue}`,
  '',
].join('\n');

/** The Lattice team's local system: `meshcd local up --provider lattice` on `<work>/lattice`. */
export interface LatticeSystem {
  state: string;
  up: Promise<LocalUpProcess>;
  /** Stops it if it runs (again is harmless); its exit code. */
  stop(): Promise<number>;
}

/**
 * Starts the Lattice team's local system in the background, so its start overlaps the App Mesh chapters;
 * whoever calls this stops it in `finally`, whatever happens in between.
 */
export function startLatticeSystem(work: string): LatticeSystem {
  const state = join(work, 'lattice');
  say(`$ meshcd local up --provider lattice --state ${state}   (in a process of its own)`);
  const up = startLocalUp(['--provider', 'lattice', '--state', state], (line) => say(`event: ${line}`));
  // Awaited by the chapter; a failed start must not crash the demo before it is.
  up.catch(() => undefined);
  return { state, up, stop: async () => (await up.catch(() => undefined))?.stop() ?? 0 };
}

/**
 * The demo's last chapter: the App Mesh manifests in `tree` migrated to VPC Lattice in a local world of
 * their own (`<work>/lattice`): the report, apply, the pods of each VirtualNode as its target group's
 * targets following the cluster, and a weight change pushed through the webhook converging on Lattice.
 */
export async function latticeChapter(tree: string, work: string, lattice: LatticeSystem): Promise<void> {
  const { state } = lattice;
  const dir = join(work, 'lattice-config');
  step('Leaving App Mesh: the migration report says what each object becomes on VPC Lattice');
  const migration = join(work, 'migration.md');
  await meshcd(2, 'migrate', tree, '--to', 'lattice', '--out', migration);
  const summary = (await readFile(migration, 'utf8')).split('\n').filter((l) => l.trim() !== '');
  for (const line of summary.slice(0, 12)) say(`  ${line}`);
  say(`the whole report: ${migration} (exact, approximate and lost fields, name changes, cut-over order)`);

  step('The Lattice team’s meshcd local up --provider lattice (started in step 1): the same pipeline');
  const system = await lattice.up;
  const { endpoints } = system;
  const client = latticeClientFor({ endpoint: endpoints.lattice!, accountId: '111122223333' });
  const webhook = await localWebhook(endpoints);
  const git = (...args: string[]) =>
    execFileAsync('git', ['-C', dir, '-c', 'user.name=team', '-c', 'user.email=team@example.com', ...args]);
  let stoppedWith: number | undefined;
  try {
    for (const name of ['lattice', 'kube', 'repository', 'webhook'])
      say(`${name.padEnd(18)} ${endpoints[name]}`);
    say(`$ git clone ${endpoints.repository} ${dir}`);
    await execFileAsync('git', ['clone', '--quiet', endpoints.repository!, dir]);
    const manifest = await readFile(join(tree, 'mesh.yaml'), 'utf8');
    await writeFile(join(dir, 'mesh.yaml'), manifest);
    say('$ git add mesh.yaml && git commit -m "The App Mesh manifests, unchanged"');
    await git('add', 'mesh.yaml');
    await git('commit', '--quiet', '-m', 'The App Mesh manifests, unchanged');

    step('The same manifests planned and applied on VPC Lattice: nothing goes to App Mesh');
    await meshcd(2, 'plan', dir, '--local', '--state', state, '--provider', 'lattice');
    await meshcd(0, 'apply', dir, '--local', '--state', state, '--provider', 'lattice', '--yes');

    step('Planned again, the Lattice world needs nothing (exit 0); its target remembers its provider');
    await meshcd(0, 'plan', dir, '--local', '--state', state);

    step('Each VirtualNode’s ready pods (its podSelector) become its target group’s targets');
    const kubectl = kubectlFor(endpoints.kubeconfig!);
    const selectors = podSelectors(manifest);
    const membership = async (): Promise<Membership[]> => {
      const groups = (await targetGroups(client)).filter((g) => selectors.has(g.source));
      return Promise.all(
        groups.map(async (group) => {
          const { namespace, selector } = selectors.get(group.source)!;
          return { group, selector, pods: await readyPods(kubectl, namespace, selector) };
        }),
      );
    };
    /**
     * Waits until every group holds exactly its ready pods, healthy, and the pods are as `expected` says;
     * shows them (only `node`'s group when given).
     */
    const followed = async (what: string, expected: (m: Membership[]) => boolean, node?: string) => {
      const converged = await until(what, async () => {
        const m = await membership();
        return m.length > 0 && expected(m) && m.every(registered) ? m : undefined;
      });
      show(node ? [of(converged, node)] : converged);
      return converged;
    };
    const first = await followed('the pods registered as targets', (m) => m.every((x) => x.pods.length > 0));

    step('Scaling and deleting pods: the cluster-event function follows each change within one event');
    const { namespace } = selectors.get(of(first, 'blue').group.source)!;
    await scale(kubectl, namespace, 'blue', 3);
    await followed('blue’s scale-up in Lattice', (m) => of(m, 'blue').pods.length === 3, 'blue');
    await scale(kubectl, namespace, 'blue', 1);
    await followed('blue’s scale-down in Lattice', (m) => of(m, 'blue').pods.length === 1, 'blue');
    const gone = of(first, 'green').pods[0]!.name;
    say(`$ kubectl delete pod ${gone} -n ${namespace}`);
    say(await kubectl('delete', 'pod', gone, '-n', namespace, '--wait=false'));
    await followed(
      'green’s replacement pod in Lattice',
      (m) => {
        const green = of(m, 'green').pods;
        return green.length === 1 && green[0]!.name !== gone;
      },
      'green',
    );

    step('git push shifts a quarter of the default route to blue: webhook, reconcile function, Lattice rule');
    const shifted = manifest.replace(
      whiteOnly,
      (_, white: string) => `${white}${shiftedWeights.white}\n${blueTarget}`,
    );
    if (shifted === manifest) throw new DemoStepFailed(`no single-target ${shiftedRoute} in the manifest`);
    await writeFile(join(dir, 'mesh.yaml'), shifted);
    await meshcd(2, 'plan', dir, '--local', '--state', state);
    const message = 'Canary: a quarter of the default route to blue';
    say(`$ git commit -am "${message}" && git push origin main`);
    await git('commit', '--quiet', '-am', message);
    await git('push', '--quiet', 'origin', 'HEAD:main');
    const revision = (await git('rev-parse', 'HEAD')).stdout.trim();
    await webhook.notify(revision, message);
    const run = await webhook.reconciled(revision);
    if (run.outcome !== 'succeeded') throw new DemoStepFailed(`the reconcile of the push ${run.outcome}`);
    const weights = await until('the new weights on the Lattice rule', async () => {
      const w = await ruleWeights(client, shiftedRoute);
      const weightOf = (node: string) => w.find((t) => t.targetGroup.includes(`-${node}-`))?.weight;
      const converged =
        w.length === 2 && Object.entries(shiftedWeights).every(([node, x]) => weightOf(node) === x);
      return converged ? w : undefined;
    });
    const total = weights.reduce((sum, w) => sum + w.weight, 0);
    say(`GetRule ${shiftedRoute} (VPC Lattice SDK): forward to`);
    for (const w of weights)
      say(`  ${w.targetGroup.padEnd(42)} weight ${w.weight} (${Math.round((100 * w.weight) / total)}%)`);
    await meshcd(0, 'plan', dir, '--local', '--state', state);

    step('Drift on VPC Lattice: every service, listener, rule and target group in sync (exit 0)');
    await meshcd(0, 'drift', '--local', '--state', state);
  } finally {
    webhook.close();
    client.destroy();
    stoppedWith = await system.stop();
    say(`meshcd local up --provider lattice stopped (exit ${stoppedWith})`);
  }
  if (stoppedWith !== 0) throw new DemoStepFailed(`meshcd local up exited with ${stoppedWith}`);
}

/** The membership of the group made from VirtualNode `node`. */
const of = (m: Membership[], node: string) => m.find((x) => x.group.source.endsWith(`/${node}`))!;

/** The group's targets are exactly its ready pods, and Lattice finds each healthy (it routes to them). */
const registered = ({ group, pods }: Membership) =>
  group.targets.map((t) => t.ip).join() === pods.map((p) => p.ip).join() &&
  group.targets.every((t) => t.status === 'HEALTHY');

async function scale(kubectl: Kubectl, namespace: string, deployment: string, replicas: number) {
  say(`$ kubectl scale deployment ${deployment} -n ${namespace} --replicas=${replicas}`);
  say(await kubectl('scale', 'deployment', deployment, '-n', namespace, `--replicas=${replicas}`));
}

function show(membership: Membership[]) {
  for (const { group, selector, pods } of membership) {
    say(`target group ${group.name}  ←  ${group.source} (pods ${selector})`);
    for (const [i, pod] of pods.entries()) {
      const target = group.targets[i]!;
      say(
        `  pod ${pod.name.padEnd(24)} ${pod.ip.padEnd(11)} → target ${target.ip}:${target.port} ${target.status}`,
      );
    }
  }
}
