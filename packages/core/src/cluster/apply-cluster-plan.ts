import type { DesiredMeshMember } from '../desired/desired-state.ts';
import { specHash } from '../plan/spec-hash.ts';
import type { ClusterApi, KubeLiveObject } from '../ports/cluster-api.ts';
import { type ApplyResult, type ChangeOutcome, isWrite } from '../provider/change.ts';
import { runWaves } from '../provider/run-waves.ts';
import type { Writer } from '../provider/writer.ts';
import type { InventoryStore } from '../state/state-store.ts';
import { applyInjection } from './apply-injection.ts';
import type { ClusterChange, ClusterPlan } from './cluster-plan-types.ts';
import { isMemberEntry, memberEntry } from './recorded-members.ts';

interface ClusterOutcome extends ChangeOutcome {
  subject: ClusterChange['subject'];
}

export type ClusterApplyResult = Omit<ApplyResult<ClusterOutcome>, 'complete'>;

interface ClusterApplyOptions {
  targetId: string;
  revision: string;
  cluster: ClusterApi;
  store: InventoryStore;
  now: () => Date;
  /** The members to remember for targeted checks of single workloads. */
  members: readonly DesiredMeshMember[];
  concurrency?: number;
}

/**
 * The cluster's writer: a Git object by server-side apply under `meshcd` (or its deletion), recorded in the
 * inventory as the API server confirms it; an injection by server-side apply under `meshcd-injector`.
 */
function clusterWriter(
  options: Pick<ClusterApplyOptions, 'targetId' | 'revision' | 'cluster' | 'store' | 'now'>,
): Writer<ClusterChange> {
  const { cluster, store, targetId } = options;
  let writes = 0;
  const record = async (change: ClusterChange, live: KubeLiveObject) => {
    const metadata = live.metadata as { uid?: string; resourceVersion?: string };
    await store.putInventory({
      provider: 'kube',
      targetId,
      key: change.key,
      apiVersion: change.apiVersion,
      kind: change.kind,
      namespace: change.namespace,
      name: change.name,
      uid: metadata.uid || undefined,
      version: metadata.resourceVersion ?? '',
      specHash: specHash(change.body),
      lastAppliedSpec: change.body,
      sourceFile: change.source?.location.file,
      sourceRevision: options.revision,
      updatedAt: options.now().toISOString(),
    });
  };
  return {
    get writes() {
      return writes;
    },
    async write(change) {
      writes++;
      if (change.subject === 'object' && change.action === 'delete') {
        const { apiVersion, kind, name } = change;
        await cluster.delete({ apiVersion, kind, name, namespace: change.namespace || undefined });
        await store.deleteInventory(targetId, change.key);
      } else if (change.subject === 'injection') {
        await applyInjection(cluster, change.body!);
      } else {
        await record(change, await cluster.apply(change.body!, { fieldManager: change.fieldManager! }));
      }
    },
  };
}

/** An injection needs its workload's own apply (same key) to have worked. */
const injectionNeeds = (change: ClusterChange, changes: readonly ClusterChange[]) =>
  change.subject === 'injection' ? changes.filter((c) => c.subject === 'object' && c.key === change.key) : [];

/**
 * Applies a cluster plan through the wave runner (its writes only: namespaces first, workloads, then their
 * injections), skipping an injection whose workload failed to apply. Then the members are remembered for
 * targeted checks.
 */
export async function applyClusterPlan(
  plan: ClusterPlan,
  options: ClusterApplyOptions,
): Promise<ClusterApplyResult> {
  const changes = plan.changes.filter(isWrite);
  // An object and its workload's injection share a key: the outcome's own change tells them apart.
  const changeOf = new Map<ChangeOutcome, ClusterChange>();
  const result = await runWaves(changes, clusterWriter(options), {
    needs: injectionNeeds,
    concurrency: options.concurrency ?? 8,
    onOutcome: ({ change, outcome }) => changeOf.set(outcome, change),
  });
  const order = (o: ChangeOutcome) => {
    const c = changeOf.get(o)!;
    return c.wave * changes.length + changes.indexOf(c);
  };
  const outcomes = result.outcomes
    .sort((a, b) => order(a) - order(b))
    .map((o) => ({ ...o, subject: changeOf.get(o)!.subject }));
  for (const key of plan.forget) await options.store.deleteInventory(options.targetId, key);
  await rememberMembers(options);
  return { outcomes, writes: result.writes };
}

/** Replaces the recorded members with this apply's, writing only those that changed. */
async function rememberMembers(options: ClusterApplyOptions): Promise<void> {
  const { store, targetId } = options;
  const recorded = new Map(
    (await store.listInventory(targetId)).filter(isMemberEntry).map((e) => [e.key, e.specHash]),
  );
  const at = options.now().toISOString();
  for (const member of options.members) {
    const entry = memberEntry(targetId, member, options.revision, at);
    if (recorded.get(entry.key) !== entry.specHash) await store.putInventory(entry);
    recorded.delete(entry.key);
  }
  for (const key of recorded.keys()) await store.deleteInventory(targetId, key);
}
