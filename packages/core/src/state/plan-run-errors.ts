import type { ApplyResult } from '../apply/change-outcome.ts';
import type { ClusterApplyResult } from '../cluster/apply-cluster-plan.ts';
import type { ClusterPlan } from '../cluster/cluster-plan-types.ts';
import { type Diagnostic, isError } from '../diagnostics/diagnostic.ts';
import type { Blocker } from '../provider/change.ts';
import type { RunError } from './run-record.ts';

/** What a run records of its invalid manifests, its plan's blockers and its failed writes, whatever the provider. */
export function planRunErrors(
  diagnostics: readonly Diagnostic[],
  blockers: readonly Blocker[] = [],
  apply?: ApplyResult,
): RunError[] {
  return [
    ...diagnostics.filter(isError).map((d) => ({
      phase: 'desired',
      reason: d.code,
      message: d.message,
      file: d.file,
      line: d.line,
      column: d.column,
      ...(d.object ? { object: d.object } : {}),
      ...(d.path ? { field: d.path } : {}),
    })),
    ...blockers.map((b) => ({ phase: 'plan', reason: b.reason, message: b.message })),
    ...(apply?.outcomes ?? [])
      .filter((o) => o.status === 'failed')
      .map((o) => ({ phase: 'apply', reason: o.error!.reason, message: `${o.key}: ${o.error!.message}` })),
  ];
}

/** What a run records of its cluster plan's blockers and its failed cluster writes, whatever the provider. */
export function clusterRunErrors(plan?: ClusterPlan, apply?: ClusterApplyResult): RunError[] {
  return [
    ...(plan?.blockers ?? []).map((b) => ({ phase: 'plan', reason: b.reason, message: b.message })),
    ...(apply?.outcomes ?? [])
      .filter((o) => o.status === 'failed')
      .map((o) => ({ phase: 'apply', reason: o.error!.reason, message: `${o.key}: ${o.error!.message}` })),
  ];
}
