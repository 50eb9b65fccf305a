import type { PlannedChange } from '../plan/plan-types.ts';
import type { ChangeOutcome } from './change-outcome.ts';

const failed = (o: ChangeOutcome | undefined) =>
  o !== undefined &&
  (o.status === 'failed' || (o.status === 'skipped' && o.error?.reason === 'dependency-failed'));

/**
 * Why a change cannot run because something it needs failed earlier, or undefined when it can run.
 * Creates and updates need what they reference (their dependsOn); deleting a parent needs its
 * children's deletes to have worked (routes of a router, gateway routes of a gateway, members of a mesh).
 */
export function blockedBy(
  change: PlannedChange,
  changes: PlannedChange[],
  outcomes: Map<string, ChangeOutcome>,
): ChangeOutcome['error'] | undefined {
  const outcomeOf = (c: PlannedChange) => outcomes.get(c.key + c.action);
  let culprit: PlannedChange | undefined;
  if (change.action === 'create' || change.action === 'update') {
    const needs = new Set(change.desired?.dependsOn ?? []);
    culprit = changes.find((c) => needs.has(c.key) && c.action !== 'delete' && failed(outcomeOf(c)));
  } else if (change.action === 'delete') {
    const prefix = change.kind === 'Mesh' ? `appmesh:${change.meshName}/` : `${change.key}/`;
    culprit = changes.find(
      (c) => c !== change && c.action === 'delete' && c.key.startsWith(prefix) && failed(outcomeOf(c)),
    );
  }
  if (!culprit) return undefined;
  return {
    reason: 'dependency-failed',
    message: `${culprit.action} of ${culprit.key} did not succeed`,
    retryable: true,
  };
}
