import {
  type ClusterApi,
  type MeshApi,
  MeshcdError,
  type ReconcileResult,
  type RevisionRequest,
  reconcile,
  type StateStore,
  type Target,
} from '@meshcd/core';
import { detailTypes, eventSources, type GitPushDetail, schemaVersion } from '@meshcd/events';
import type { ManifestTree } from '@meshcd/source';
import { commitStatusOf } from './commit-status/commit-status-of.ts';
import type { CommitStatusUpdate } from './commit-status/post-commit-status.ts';
import type { EventPublisher } from './event-publisher.ts';
import { errorOutcomeEntry, outcomeEntry } from './outcome-entries.ts';
import { type ErrorLogger, reportOrThrow } from './report-or-throw.ts';

export interface ReconcileTargetDeps {
  state: StateStore;
  events: EventPublisher;
  meshApiFor(target: Target): MeshApi | Promise<MeshApi>;
  /** The target's cluster; App Mesh only when absent or when the target names no cluster. */
  clusterFor?(target: Target): Promise<ClusterApi | undefined>;
  fetchSource(target: Target, revision: string): Promise<ManifestTree>;
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
  /** The revision is already applied (a replayed event): nothing fetched, nothing written. */
  | 'up-to-date'
  /** The deadline stopped an apply; a continuation event carries on with the lease held. */
  | 'continued';

export interface ReconcileTargetResult {
  targetId: string;
  status: ReconcileTargetStatus;
  /** Revisions reconciled by this call, in order, with each run's status. */
  runs: Array<{ revision: string; runId: string; status: string }>;
}

/** Prefix of a continuation's delivery id; the rest is the lease holder the continuation resumes as. */
export const continuationPrefix = 'continuation:';

/**
 * One reconcile per target at a time: take the target's lease as `holder` (recording the request as
 * wanted), reconcile the newest wanted revision, and before letting go pick up anything newer that was
 * pushed meanwhile. An older revision never replaces a newer one, and a replayed event finds its
 * revision applied and does nothing.
 */
export async function reconcileTarget(
  target: Target,
  request: RevisionRequest,
  holder: string,
  deps: ReconcileTargetDeps,
): Promise<ReconcileTargetResult> {
  const runs: ReconcileTargetResult['runs'] = [];
  const acquired = await deps.state.acquireLease(target.id, holder, request, deps.now(), deps.leaseTtlMs);
  if (!acquired.acquired) {
    deps.logger.info('target busy: revision recorded as wanted', {
      targetId: target.id,
      holder: acquired.holder,
    });
    return { targetId: target.id, status: 'queued', runs };
  }
  const { wanted, applied } = acquired.lease;
  let current: RevisionRequest = wanted && wanted.order > request.order ? wanted : request;
  if (applied && applied.order >= current.order) {
    await deps.state.completeLease(target.id, holder, applied);
    return { targetId: target.id, status: 'up-to-date', runs };
  }
  for (;;) {
    const run = await runOnce(target, current, holder, deps);
    runs.push({ revision: current.revision, runId: run.runId, status: run.status });
    if (run.status === 'continued') return { targetId: target.id, status: 'continued', runs };
    const completed = await deps.state.completeLease(target.id, holder, current);
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

async function runOnce(target: Target, request: RevisionRequest, holder: string, deps: ReconcileTargetDeps) {
  const runId = deps.newRunId();
  const startedAt = new Date(deps.now()).toISOString();
  await notify(deps, target, request.revision, {
    state: 'pending',
    description: `meshcd is reconciling ${target.id}`,
  });
  let result: ReconcileResult;
  try {
    // source: the manifest tree at the revision; manifests → … → record happen inside reconcile()
    const tree = await deps.fetchSource(target, request.revision);
    const cluster = await deps.clusterFor?.(target);
    result = await reconcile({
      target,
      revision: tree.revision,
      files: tree.files,
      mode: 'apply',
      mesh: await deps.meshApiFor(target),
      ...(cluster ? { cluster } : {}),
      state: deps.state,
      runId,
      now: () => new Date(deps.now()),
      ...(deps.remainingMs ? { remainingMs: deps.remainingMs } : {}),
      reserveMs: deps.reserveMs,
    });
  } catch (error) {
    const reported = reportOrThrow(error, deps.logger);
    const finishedAt = new Date(deps.now()).toISOString();
    const context = { target, revision: request.revision, runId, startedAt, finishedAt };
    await deps.events.publish([errorOutcomeEntry(context, reported)]);
    await notify(deps, target, request.revision, {
      state: 'failure',
      description: `Failed [${reported.phase}/${reported.reason}]: ${reported.message}`,
    });
    return { runId, status: 'failed' as const };
  }
  // The deadline stopped the apply at a wave boundary: progress is recorded, the rest continues.
  const continued = result.apply !== undefined && !result.apply.complete;
  const entries = [outcomeEntry(result, continued)];
  if (continued) entries.push(continuationEntry(target, request, holder));
  await deps.events.publish(entries);
  // A continued apply is still under way: its status stays pending until the continuation ends it.
  if (!continued) await notify(deps, target, request.revision, commitStatusOf(result.run));
  deps.logger.info('reconcile finished', { targetId: target.id, runId, status: result.status, continued });
  const retryableFailure = result.apply?.outcomes.some((o) => o.status === 'failed' && o.error?.retryable);
  if (retryableFailure && !continued) {
    // Reported above; thrown so the platform retries as the same holder, which converges the rest.
    throw new MeshcdError({
      phase: 'apply',
      reason: 'transient-failures',
      retryable: true,
      message: `target '${target.id}' at ${request.revision}: some writes failed transiently`,
    });
  }
  return { runId, status: continued ? ('continued' as const) : result.status };
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

/** A Git Push to this function itself, resuming as the same lease holder. */
function continuationEntry(target: Target, request: RevisionRequest, holder: string) {
  const detail: GitPushDetail = {
    schemaVersion,
    provider: 'generic',
    repository: target.source.repository,
    branch: target.source.branch,
    revision: request.revision,
    order: request.order,
    deliveryId: `${continuationPrefix}${holder}`,
  };
  return { Source: eventSources.git, DetailType: detailTypes.gitPush, Detail: JSON.stringify(detail) };
}
