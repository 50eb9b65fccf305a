import { type ClusterApi, detectDrift, type LatticeApi, type Target, type TargetLease } from '@meshcd/core';
import { outboundEntry } from '@meshcd/events';
import type { HandleDriftEventDeps, TargetDriftCheck } from './handle-drift-event-deps.ts';
import { whileHealing } from './handle-drift-event-lease.ts';

/**
 * observe → classify → self-heal → announce → record, on VPC Lattice: what meshcd last applied against
 * Lattice as it is, healed through the Lattice writer when the policy says so and no reconcile is due.
 */
export async function checkLattice(
  target: Target,
  ports: { lattice: LatticeApi; cluster?: ClusterApi | undefined },
  lease: TargetLease | undefined,
  holder: string,
  check: TargetDriftCheck,
  deps: HandleDriftEventDeps,
): Promise<void> {
  const result = await whileHealing(target, lease, holder, deps, (heal) =>
    detectDrift({
      target,
      lattice: ports.lattice,
      state: deps.state,
      cluster: ports.cluster,
      heal,
      // Recorded only once announced: if publishing fails, the retry still sees the change.
      record: false,
      runId: deps.newRunId(),
      now: () => new Date(deps.now()),
    }),
  );
  check.scope = result.record.scope;
  check.summary = result.summary;
  check.healed = result.healed !== undefined;
  await deps.events.publish(result.emit.map((e) => outboundEntry(e.detailType, e.detail)));
  check.emitted = result.emit.map((e) => e.detailType);
  await deps.state.putDriftReport(result.record);
}
