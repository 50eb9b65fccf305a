import { type FieldDiff, fieldDiffs } from '../plan/diff-spec.ts';
import { dropUnsetFields, normaliseSpec } from '../plan/normalise-spec.ts';
import { latticeKinds } from './lattice-kinds.ts';
import type { LatticeResourceKind } from './lattice-resource.ts';

/** Health-check members Lattice fills with its defaults when a target group leaves them unset. */
const healthCheckDefaults = [
  'config.healthCheck',
  'config.healthCheck.enabled',
  'config.healthCheck.protocol',
  'config.healthCheck.protocolVersion',
  'config.healthCheck.port',
  'config.healthCheck.path',
  'config.healthCheck.healthCheckIntervalSeconds',
  'config.healthCheck.healthCheckTimeoutSeconds',
  'config.healthCheck.healthyThresholdCount',
  'config.healthCheck.unhealthyThresholdCount',
  'config.healthCheck.matcher',
];

/**
 * Field differences between a desired Lattice spec and the observed one (both with keys, not ids): empty
 * equals absent, and what Lattice fills in when meshcd leaves it unset is no difference.
 */
export function diffLatticeSpec(kind: LatticeResourceKind, desired: unknown, actual: unknown): FieldDiff[] {
  const d = normaliseSpec(desired);
  const filled =
    kind === 'TargetGroup'
      ? [...latticeKinds[kind].serviceFilled, ...healthCheckDefaults]
      : latticeKinds[kind].serviceFilled;
  const a = normaliseSpec(dropUnsetFields(filled, d, normaliseSpec(actual)));
  return fieldDiffs(d, a);
}

/** Whether a difference is in a member only a create can set (so the resource must be replaced). */
export function touchesCreateOnly(kind: LatticeResourceKind, diff: readonly FieldDiff[]): boolean {
  const createOnly = latticeKinds[kind].createOnly;
  return diff.some((f) =>
    createOnly.some((p) => f.path === p || f.path.startsWith(`${p}.`) || f.path.startsWith(`${p}[`)),
  );
}
