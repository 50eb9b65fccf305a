import type { ReconcileLatticeResult } from '@meshcd/core';
import { applyReport, type PlanReport } from './render-plan.ts';

/**
 * A Lattice run in the plan report every renderer reads: the same actions, reasons, field differences and
 * outcomes as for App Mesh, each change naming the App Mesh object it translates instead of a mesh.
 */
export function latticePlanReport(result: ReconcileLatticeResult): PlanReport {
  const plan = result.latticePlan;
  const { outcomeOf, summary } = applyReport(result.apply);
  return {
    provider: 'lattice',
    status: result.status,
    revision: result.run.revision,
    summary: plan?.summary ?? null,
    blockers: plan?.blockers ?? [],
    changes: (plan?.changes ?? []).map((c) => {
      const from = c.desired?.source;
      const loc = from?.location;
      // A deletion has no desired resource: its ownership tag still names the object it came from.
      const source = from
        ? `${from.ref.kind} ${from.ref.namespace ? `${from.ref.namespace}/` : ''}${from.ref.name}`
        : c.observed?.tags?.['meshcd:source'];
      return {
        action: c.action,
        reason: c.reason,
        kind: c.kind,
        key: c.key,
        ...(source ? { from: source } : {}),
        name: c.createAs ?? c.name,
        wave: c.wave,
        diff: c.diff,
        ...(c.action === 'create' && c.desired ? { attributes: c.desired.spec } : {}),
        ...(loc ? { source: `${loc.file}:${loc.line}:${loc.column}` } : {}),
        ...outcomeOf(c),
      };
    }),
    diagnostics: result.diagnostics,
    ...summary,
  };
}
