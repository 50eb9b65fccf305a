import type { Target } from '@meshcd/core';
import { stateKeys } from './state-keys.ts';

/**
 * A target's record in the table: what `putTarget` writes and what deploy writes for each configured
 * target (infra/targets.ts), so the functions read the targets from the table, not their environment.
 */
export function targetRecord(target: Target) {
  return {
    pk: stateKeys.targetPk(target.id),
    sk: stateKeys.targetConfigSk,
    gsi1pk: stateKeys.targetsGsiPk,
    gsi1sk: target.id,
    targetId: target.id,
    data: JSON.stringify(target),
  };
}
