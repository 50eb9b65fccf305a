import pLimit from 'p-limit';
import type { DesiredMeshMember } from '../desired/desired-state.ts';
import { specHash } from '../plan/spec-hash.ts';
import type { ClusterApi, KubeLiveObject } from '../ports/cluster-api.ts';
import type { StateStore } from '../state/state-store.ts';
import type { ClusterChange, ClusterPlan } from './cluster-plan-types.ts';
import { isMemberEntry, memberEntry } from './recorded-members.ts';

export type ClusterOutcomeStatus = 'done' | 'failed' | 'skipped';

export interface ClusterOutcome {
  key: string;
  subject: ClusterChange['subject'];
  action: ClusterChange['action'];
  status: ClusterOutcomeStatus;
  error?: { reason: string; message: string; retryable: boolean };
}

export interface ClusterApplyResult {
  outcomes: ClusterOutcome[];
  /** Apply and delete calls made. */
  writes: number;
}

export interface ClusterApplyOptions {
  targetId: string;
  revision: string;
  cluster: ClusterApi;
  store: StateStore;
  now: () => Date;
  /** The members to remember for targeted checks of single workloads. */
  members: readonly DesiredMeshMember[];
  concurrency?: number;
}

const describeError = (error: unknown) => {
  const e = error as { name?: string; message?: string; retryable?: boolean; reason?: string };
  return {
    reason: e.reason ?? e.name ?? 'Error',
    message: e.message ?? String(error),
    retryable: e.retryable ?? false,
  };
};

const isWrite = (c: ClusterChange) => c.action === 'create' || c.action === 'update' || c.action === 'delete';

/**
 * Applies a cluster plan wave by wave (concurrently within a wave), recording each Git object in the
 * inventory as the API server confirms it. An injection whose workload failed to apply is skipped. Then
 * the members are remembered for targeted checks.
 */
export async function applyClusterPlan(
  plan: ClusterPlan,
  options: ClusterApplyOptions,
): Promise<ClusterApplyResult> {
  const { cluster, store, targetId } = options;
  const limit = pLimit(options.concurrency ?? 8);
  const outcomes: ClusterOutcome[] = [];
  const failedObjects = new Set<string>();
  let writes = 0;

  const record = async (change: ClusterChange, live: KubeLiveObject) => {
    const metadata = live.metadata as { uid?: string; resourceVersion?: string };
    await store.putInventory({
      targetId,
      key: change.key,
      kind: change.kind,
      arn: `${change.apiVersion}/${change.kind}`,
      ...(metadata.uid ? { uid: metadata.uid } : {}),
      version: metadata.resourceVersion ?? '',
      specHash: specHash(change.body),
      lastAppliedSpec: change.body,
      ...(change.source ? { sourceFile: change.source.location.file } : {}),
      sourceRevision: options.revision,
      updatedAt: options.now().toISOString(),
    });
  };

  const run = async (change: ClusterChange): Promise<ClusterOutcome> => {
    const base = { key: change.key, subject: change.subject, action: change.action };
    if (change.subject === 'injection' && failedObjects.has(change.key))
      return { ...base, status: 'skipped' };
    try {
      writes++;
      if (change.subject === 'object' && change.action === 'delete') {
        const ns = change.namespace ? { namespace: change.namespace } : {};
        await cluster.delete({ apiVersion: change.apiVersion, kind: change.kind, name: change.name, ...ns });
        await store.deleteInventory(targetId, change.key);
      } else {
        const live = await cluster.apply(change.body!, { fieldManager: change.fieldManager! });
        if (change.subject === 'object') await record(change, live);
      }
      return { ...base, status: 'done' };
    } catch (error) {
      if (change.subject === 'object') failedObjects.add(change.key);
      return { ...base, status: 'failed', error: describeError(error) };
    }
  };

  const waves = [...new Set(plan.changes.filter(isWrite).map((c) => c.wave))].sort((a, b) => a - b);
  for (const wave of waves) {
    const batch = plan.changes.filter((c) => c.wave === wave && isWrite(c));
    outcomes.push(...(await Promise.all(batch.map((c) => limit(() => run(c))))));
  }
  for (const key of plan.forget) await store.deleteInventory(targetId, key);
  await rememberMembers(options);
  return { outcomes, writes };
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
