import {
  type CloudMapApi,
  type ClusterApi,
  detectDrift,
  type EndpointSyncOutcome,
  MeshcdError,
  type MeshResourceIdentity,
  resyncEndpoints,
  type Target,
  type TargetLease,
} from '@meshcd/core';
import { type AppMeshApiCallTrigger, outboundEntry, type ScheduleTrigger } from '@meshcd/events';
import type { HandleDriftEventDeps, TargetDriftCheck } from './handle-drift-event-deps.ts';
import { checkLattice } from './handle-drift-event-lattice.ts';
import { whileHealing } from './handle-drift-event-lease.ts';
import { type DriftEventSkip, driftEventScope } from './handle-drift-event-scope.ts';
import { stuckRevision } from './handle-drift-event-sweep.ts';
import { gitPushEntry } from './reconcile-target.ts';
import { reportOrThrow } from './report-or-throw.ts';

export type { HandleDriftEventDeps, TargetDriftCheck } from './handle-drift-event-deps.ts';

export interface DriftEventResult {
  skipped?: DriftEventSkip;
  checks: TargetDriftCheck[];
}

/**
 * The scheduled half: a schedule runs a full drift and quota check of its targets and sweeps their leases;
 * an out-of-band App Mesh call runs a targeted check of the resource it touched. Per target: observe →
 * classify → self-heal (when the policy says so and no reconcile is due) → announce what changed → record.
 * Targets are independent: a terminal failure of one is reported and the others still run; transient
 * failures are thrown at the end so the platform retries (announcing only changes makes that harmless).
 */
export async function handleDriftEvent(
  trigger: AppMeshApiCallTrigger | ScheduleTrigger,
  targets: readonly Target[],
  deps: HandleDriftEventDeps,
): Promise<DriftEventResult> {
  const scope = await driftEventScope(trigger, targets, deps.ownRoleArns, deps.state);
  if ('skip' in scope) {
    deps.logger.info('drift event needs no check', { reason: scope.skip, trigger: trigger.type });
    return { skipped: scope.skip, checks: [] };
  }
  const checks: TargetDriftCheck[] = [];
  const transient: unknown[] = [];
  // One target after another: they share the account's App Mesh token bucket anyway.
  for (const target of scope.targets) {
    const check: TargetDriftCheck = { targetId: target.id, emitted: [], healed: false };
    const settle = (error: unknown) => {
      try {
        check.error ??= reportOrThrow(error, deps.logger);
      } catch (retryable) {
        transient.push(retryable);
      }
    };
    const lease = await deps.state.getLease(target.id).catch((error: unknown) => {
      settle(error);
      return null;
    });
    if (lease !== null) {
      const holder = `heal:${trigger.eventId}/${deps.requestId}`;
      // The sweep does not depend on the check: a target whose check fails (its cluster unreachable, a
      // permission missing) must still get its stuck revision nudged.
      if (scope.check) await checkTarget(target, scope.resource, lease, holder, check, deps).catch(settle);
      if (scope.sweep) await sweepLease(target, lease, `sweep:${trigger.eventId}`, check, deps).catch(settle);
    }
    deps.logger.info('drift check finished', { ...check });
    checks.push(check);
  }
  if (transient.length === 1) throw transient[0];
  if (transient.length > 1) {
    throw new MeshcdError({
      phase: 'observe',
      reason: 'transient-failures',
      retryable: true,
      message: `drift check of ${transient.length} targets failed transiently`,
      cause: new AggregateError(transient),
    });
  }
  return { checks };
}

async function checkTarget(
  target: Target,
  resource: MeshResourceIdentity | undefined,
  lease: TargetLease | undefined,
  holder: string,
  check: TargetDriftCheck,
  deps: HandleDriftEventDeps,
): Promise<void> {
  // A targeted check is about one App Mesh resource: the cluster is read by the full checks only.
  const cluster = resource ? undefined : await deps.clusterFor?.(target);
  // A Lattice target has nothing on App Mesh: its Lattice resources are checked, its target groups resynced.
  if (target.provider === 'lattice') {
    const lattice = resource ? undefined : await deps.latticeFor?.(target);
    if (!lattice) return;
    await checkLattice(target, { lattice, cluster }, lease, holder, check, deps);
    if (!cluster) return;
    const outcomes = await resyncEndpoints({
      target,
      cluster,
      latticeFor: async () => lattice,
      state: deps.state,
    });
    check.endpointsRepaired = repaired(outcomes);
    throwFirstFailure(outcomes);
    return;
  }
  const cloudMap = cluster ? await deps.cloudMapFor?.(target) : undefined;
  await checkAppMesh(target, { resource, cluster, cloudMap }, lease, holder, check, deps);
  // resync: endpoints follow pods whatever the self-heal policy, so missed pod events are repaired here
  if (cluster && cloudMap) {
    const outcomes = await resyncEndpoints({
      target,
      cluster,
      cloudMapFor: async () => cloudMap,
      state: deps.state,
    });
    check.endpointsRepaired = repaired(outcomes);
    throwFirstFailure(outcomes);
  }
}

/** observe → classify → self-heal → announce → record, on App Mesh (and the cluster, when given). */
async function checkAppMesh(
  target: Target,
  scope: { resource?: MeshResourceIdentity; cluster?: ClusterApi; cloudMap?: CloudMapApi },
  lease: TargetLease | undefined,
  holder: string,
  check: TargetDriftCheck,
  deps: HandleDriftEventDeps,
): Promise<void> {
  const { resource, cluster, cloudMap } = scope;
  const quotaLimits = deps.quotaLimitsFor?.(target);
  const mesh = await deps.meshApiFor(target);
  const result = await whileHealing(target, lease, holder, deps, (healing) =>
    detectDrift({
      target,
      mesh,
      state: deps.state,
      runId: deps.newRunId(),
      now: () => new Date(deps.now()),
      quotaLimits,
      resource,
      cluster,
      cloudMap,
      heal: healing,
      // Recorded only once announced: if publishing fails, the retry still sees the change.
      record: false,
    }),
  );
  check.scope = result.record.scope;
  check.summary = result.summary;
  check.healed = result.healed !== undefined || result.healedCluster !== undefined;
  await deps.events.publish(result.emit.map((e) => outboundEntry(e.detailType, e.detail)));
  check.emitted = result.emit.map((e) => e.detailType);
  await deps.state.putDriftReport(result.record);
}

const repaired = (outcomes: readonly EndpointSyncOutcome[]) =>
  outcomes.reduce((n, o) => n + o.registered.length + o.deregistered.length + o.healthReported, 0);

/** A resync that could not repair a node fails the check, retryable when its cause is. */
function throwFirstFailure(outcomes: readonly EndpointSyncOutcome[]): void {
  const failed = outcomes.find((o) => o.error);
  if (failed?.error)
    throw new MeshcdError({
      phase: 'endpoints',
      reason: failed.error.reason,
      retryable: failed.error.retryable,
      message: `${failed.member}: ${failed.error.message}`,
    });
}

async function sweepLease(
  target: Target,
  lease: TargetLease | undefined,
  holder: string,
  check: TargetDriftCheck,
  deps: HandleDriftEventDeps,
): Promise<void> {
  const wanted = stuckRevision(lease, deps.now());
  if (!wanted) return;
  await deps.events.publish([gitPushEntry(target, wanted, holder)]);
  check.swept = wanted;
}
