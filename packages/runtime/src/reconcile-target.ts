import {
  type CloudMapApi,
  type ClusterApi,
  failedRun,
  isSettled,
  type LatticeApi,
  type MeshApi,
  MeshcdError,
  newerRevision,
  type ReconcileLatticeResult,
  type ReconcileResult,
  type RevisionRequest,
  reconcile,
  requireAppMesh,
  type StateStore,
  type Target,
} from '@meshcd/core';
import type { AcquireOptions } from '@meshcd/core/ports';
import { detailTypes, eventSources, type GitPushDetail, schemaVersion } from '@meshcd/events';
import type { ManifestTree } from '@meshcd/source';
import { commitStatusOf } from './commit-status/commit-status-of.ts';
import type { CommitStatusUpdate } from './commit-status/post-commit-status.ts';
import type { EventPublisher } from './event-publisher.ts';
import { errorOutcomeEntry, outcomeEntry } from './outcome-entries.ts';
import { type ErrorLogger, reportOrThrow } from './report-or-throw.ts';

type ReconcileStatus = ReconcileResult['status'];

export interface ReconcileTargetDeps {
  state: StateStore;
  events: EventPublisher;
  meshApiFor(target: Target): MeshApi | Promise<MeshApi>;
  /** The target's cluster; App Mesh only when absent or when the target names no cluster. */
  clusterFor?(target: Target): Promise<ClusterApi | undefined>;
  /** VPC Lattice, for targets whose provider is `lattice`; without it such a target is refused. */
  latticeFor?(target: Target): Promise<LatticeApi>;
  /** Cloud Map, where the pods of Cloud Map nodes are registered (with a cluster only). */
  cloudMapFor?(target: Target): Promise<CloudMapApi>;
  /** The manifest tree at `ref`: a commit SHA, or the target's branch for its head. */
  fetchSource(target: Target, ref: string): Promise<ManifestTree>;
  /** Posts a commit status on the revision when the target names a Git host API; absent: nowhere. */
  commitStatus?(target: Target, revision: string, update: CommitStatusUpdate): Promise<void>;
  logger: ErrorLogger & {
    info(message: string, extra: Record<string, unknown>): void;
    warn(message: string, extra: Record<string, unknown>): void;
  };
  newRunId(): string;
  now(): number;
  /** Time left before the function's deadline; absent outside Lambda. */
  remainingMs?: () => number;
  reserveMs: number;
  leaseTtlMs: number;
}

export type ReconcileTargetStatus =
  /** Every run ended and the lease is released. */
  | 'done'
  /** Another holder reconciles the target; it will pick this revision up before it lets go. */
  | 'queued'
  /**
   * The revision is settled already (a replayed event): applied, or failed terminally, which only a
   * new push can change. Nothing fetched, nothing written.
   */
  | 'up-to-date'
  /** The deadline stopped an apply; a continuation event carries on with the lease held. */
  | 'continued';

export interface ReconcileTargetResult {
  targetId: string;
  status: ReconcileTargetStatus;
  /** Revisions reconciled by this call, in order, with each run's status. */
  runs: Array<{ revision: string; runId: string; status: RunStatus }>;
}

/** How one run ended: reconcile()'s status, `failed` when it threw terminally, or `continued`. */
export type RunStatus = ReconcileStatus | 'failed' | 'continued';

/** Prefix of a continuation's delivery id; the rest is the lease holder the continuation resumes. */
export const continuationPrefix = 'continuation:';

/**
 * One reconcile per target at a time: take the target's lease as `holder` (recording the request as
 * wanted), reconcile the newest wanted revision, and before letting go pick up anything newer that was
 * pushed meanwhile. An older revision never replaces a newer one, and a replayed event finds its
 * revision settled and does nothing. A run that succeeds records its revision as applied; one that is
 * refused, partial or failed records it as failed, so drift and status never take it for the live
 * state, and a newer push still runs. A transient failure releases the lease before it is thrown, so
 * the platform's retry (a new invocation, a new holder) can take it at once.
 */
export async function reconcileTarget(
  target: Target,
  request: RevisionRequest,
  holder: string,
  deps: ReconcileTargetDeps,
  options: AcquireOptions = {},
): Promise<ReconcileTargetResult> {
  const runs: ReconcileTargetResult['runs'] = [];
  const acquired = await deps.state.acquireLease(
    target.id,
    holder,
    request,
    deps.now(),
    deps.leaseTtlMs,
    options,
  );
  if (!acquired.acquired) {
    deps.logger.info('target busy: revision recorded as wanted', {
      targetId: target.id,
      holder: acquired.holder,
    });
    return { targetId: target.id, status: 'queued', runs };
  }
  const { lease } = acquired;
  // A holder that never settled may have written to App Mesh without recording it: the first run
  // observes everything instead of trusting the inventory. Later runs follow a settled one.
  let unsettledHolder = acquired.tookOverFrom;
  if (unsettledHolder !== undefined) {
    deps.logger.warn('lease taken over from a holder that never settled: observing everything', {
      targetId: target.id,
      previousHolder: unsettledHolder,
      fullObserve: 'previous-holder-unsettled',
    });
  }
  let current = newerRevision(lease.wanted, request);
  if (isSettled(lease, current)) {
    // current is at least as new as wanted, so nothing else is pending on this lease.
    await deps.state.releaseLease(target.id, holder);
    return { targetId: target.id, status: 'up-to-date', runs };
  }
  for (;;) {
    let run: { runId: string; status: RunStatus; revision: string };
    try {
      run = await runOnce(target, current, holder, deps, unsettledHolder);
    } catch (error) {
      // Transient: let go so the retry can take the lease now instead of after it expires. The retry
      // reconciles the newest wanted revision, including any that queued behind this holder.
      await deps.state.releaseLease(target.id, holder).catch(() => undefined);
      throw error;
    }
    runs.push({ revision: run.revision, runId: run.runId, status: run.status });
    unsettledHolder = undefined;
    if (run.status === 'continued') return { targetId: target.id, status: 'continued', runs };
    // A tie was reconciled at the branch head: that is what is applied (or failed), at the tie's order.
    const settled = { ...current, revision: run.revision };
    const completed =
      run.status === 'succeeded'
        ? await deps.state.completeLease(target.id, holder, settled)
        : await deps.state.failLease(target.id, holder, settled);
    if (completed.released) return { targetId: target.id, status: 'done', runs };
    current = completed.next;
    if (!(await deps.state.renewLease(target.id, holder, deps.now(), deps.leaseTtlMs))) {
      throw new MeshcdError({
        phase: 'record',
        reason: 'lease-lost',
        message: `lease of target '${target.id}' expired under '${holder}' before ${current.revision}`,
      });
    }
  }
}

async function runOnce(
  target: Target,
  request: RevisionRequest,
  holder: string,
  deps: ReconcileTargetDeps,
  unsettledHolder: string | undefined,
): Promise<{ runId: string; status: RunStatus; revision: string }> {
  const runId = deps.newRunId();
  const startedAt = new Date(deps.now()).toISOString();
  // A tie (several pushes with one order) is reconciled at the branch head; see RevisionRequest.tie.
  const ref = request.tie !== undefined ? target.source.branch : request.revision;
  let revision = request.revision;
  let result: ReconcileResult | ReconcileLatticeResult;
  try {
    let inputs: {
      tree: ManifestTree;
      cluster: ClusterApi | undefined;
      cloudMap: CloudMapApi | undefined;
      provider: { mesh: MeshApi } | { lattice: LatticeApi };
    };
    try {
      // A Lattice target goes to Lattice or nowhere: without a Lattice port it fails before anything is
      // fetched or any App Mesh client is built, so its manifests never land on a service it did not choose.
      const lattice = target.provider === 'lattice' ? deps.latticeFor : undefined;
      if (!lattice) requireAppMesh(target, 'the reconciler');
      // source: the manifest tree at the revision; manifests → … → record happen inside reconcile()
      const tree = await deps.fetchSource(target, ref);
      // pending on the commit being reconciled: for a tie, the head just fetched
      await notify(deps, target, tree.revision, {
        state: 'pending',
        description: `meshcd is reconciling ${target.id}`,
      });
      const cluster = await deps.clusterFor?.(target);
      const cloudMap = cluster && !lattice ? await deps.cloudMapFor?.(target) : undefined;
      const provider = lattice ? { lattice: await lattice(target) } : { mesh: await deps.meshApiFor(target) };
      inputs = { tree, cluster, cloudMap, provider };
    } catch (error) {
      // reconcile() records its own failures; these steps come before it, so the run is recorded here.
      const finishedAt = new Date(deps.now()).toISOString();
      const run = { targetId: target.id, runId, mode: 'apply' as const, revision, startedAt, finishedAt };
      await deps.state.recordRun(failedRun(run, error)).catch(() => undefined);
      throw error;
    }
    revision = inputs.tree.revision;
    const common = {
      target,
      revision,
      files: inputs.tree.files,
      cluster: inputs.cluster,
      state: deps.state,
      runId,
      now: () => new Date(deps.now()),
      remainingMs: deps.remainingMs,
      reserveMs: deps.reserveMs,
    };
    result =
      'lattice' in inputs.provider
        ? await reconcile({ ...common, lattice: inputs.provider.lattice })
        : await reconcile({
            ...common,
            mode: 'apply',
            mesh: inputs.provider.mesh,
            cloudMap: inputs.cloudMap,
            ...(unsettledHolder !== undefined ? { unsettledHolder } : {}),
          });
  } catch (error) {
    const reported = reportOrThrow(error, deps.logger);
    const finishedAt = new Date(deps.now()).toISOString();
    const context = { target, revision, runId, startedAt, finishedAt };
    await deps.events.publish([errorOutcomeEntry(context, reported)]);
    await notify(deps, target, revision, {
      state: 'failure',
      description: `Failed [${reported.phase}/${reported.reason}]: ${reported.message}`,
    });
    return { runId, status: 'failed', revision };
  }
  // The deadline stopped the apply at a wave boundary: progress is recorded, the rest continues.
  const continued = result.apply !== undefined && !result.apply.complete;
  const entries = [outcomeEntry(result, continued)];
  if (continued) entries.push(gitPushEntry(target, request, `${continuationPrefix}${holder}`));
  await deps.events.publish(entries);
  // A continued apply is still under way: its status stays pending until the continuation ends it.
  if (!continued) await notify(deps, target, revision, commitStatusOf(result.run));
  deps.logger.info('reconcile finished', { targetId: target.id, runId, status: result.status, continued });
  const retryableFailure = result.apply?.outcomes.some((o) => o.status === 'failed' && o.error?.retryable);
  if (retryableFailure && !continued) {
    // Reported above; thrown so the platform retries, which converges the rest.
    throw new MeshcdError({
      phase: 'apply',
      reason: 'transient-failures',
      retryable: true,
      message: `target '${target.id}' at ${revision}: some writes failed transiently`,
    });
  }
  return { runId, status: continued ? 'continued' : result.status, revision };
}

/**
 * A commit status is how the author learns the outcome, but it is not the outcome: the run is recorded
 * and announced on the bus whatever the Git host says, so a failed post is logged and never fails the run.
 */
async function notify(
  deps: ReconcileTargetDeps,
  target: Target,
  revision: string,
  update: CommitStatusUpdate,
) {
  if (!deps.commitStatus || !target.commitStatus) return;
  try {
    await deps.commitStatus(target, revision, update);
  } catch (error) {
    deps.logger.warn('commit status not posted', {
      targetId: target.id,
      revision,
      state: update.state,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

/**
 * A Git Push to this function itself: a continuation (`continuation:<holder>`, resuming that holder's
 * lease), or a wanted revision handed on by a holder that let go without settling it.
 */
export function gitPushEntry(target: Target, request: RevisionRequest, deliveryId: string) {
  const detail: GitPushDetail = {
    schemaVersion,
    provider: 'generic',
    repository: target.source.repository,
    branch: target.source.branch,
    revision: request.revision,
    order: request.order,
    ...(request.tie !== undefined ? { tie: request.tie } : {}),
    deliveryId,
  };
  return { Source: eventSources.git, DetailType: detailTypes.gitPush, Detail: JSON.stringify(detail) };
}
