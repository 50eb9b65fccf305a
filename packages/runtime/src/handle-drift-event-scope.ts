import {
  type MeshResourceIdentity,
  parseMeshKey,
  resourceOfApiCall,
  type StateStore,
  type Target,
} from '@meshcd/core';
import type { AppMeshApiCallTrigger, ScheduleTrigger } from '@meshcd/events';

/** Why a drift event led to no check at all. */
export type DriftEventSkip =
  /** A write meshcd made itself (the reconciler, or this function healing). */
  | 'own-call'
  /** The schedule names a target this deployment does not have. */
  | 'unknown-target'
  /** No target manages the mesh the call touched. */
  | 'unmanaged-mesh';

/** What one drift event asks for: which targets to check, and whether only one resource of them. */
export type DriftEventScope =
  | { skip: DriftEventSkip }
  | {
      targets: Target[];
      /** The resource an out-of-band call touched; absent for a full check. */
      resource?: MeshResourceIdentity;
      /** Scheduled runs also look for leases whose wanted revision never got applied. */
      sweep: boolean;
      /** Scheduled `reconcile` checks only sweep; drift and quota checks observe App Mesh. */
      check: boolean;
    };

/**
 * Scopes a drift event. A schedule checks one target or all of them. A CloudTrail call by anyone but
 * meshcd checks the targets that manage the touched mesh (their inventory has it) in the call's region
 * and account, and only the touched resource when the call names it precisely.
 */
export async function driftEventScope(
  trigger: AppMeshApiCallTrigger | ScheduleTrigger,
  targets: readonly Target[],
  ownRoleArns: readonly string[],
  state: Pick<StateStore, 'listInventory'>,
): Promise<DriftEventScope> {
  if (trigger.type === 'schedule') {
    const chosen = trigger.targetId ? targets.filter((t) => t.id === trigger.targetId) : [...targets];
    if (chosen.length === 0) return { skip: 'unknown-target' };
    return { targets: chosen, sweep: true, check: trigger.check !== 'reconcile' };
  }
  if (isOwnCall(trigger, ownRoleArns)) return { skip: 'own-call' };
  const managing: Target[] = [];
  for (const target of targets) {
    if (target.region !== trigger.region) continue;
    // The call is recorded in the caller's and the owner's account; either may be the target's.
    const accounts = [target.accountId, target.meshOwner];
    if (trigger.accountId && !accounts.includes(trigger.accountId)) continue;
    const inventory = await state.listInventory(target.id);
    if (inventory.some((e) => parseMeshKey(e.key)?.meshName === trigger.meshName)) managing.push(target);
  }
  if (managing.length === 0) return { skip: 'unmanaged-mesh' };
  const resource = resourceOfApiCall(trigger);
  return { targets: managing, ...(resource ? { resource } : {}), sweep: false, check: true };
}

/**
 * A call made by a session of one of meshcd's roles. CloudTrail names the role behind an assumed-role
 * session as `sessionIssuer.arn`; without it, the session ARN `arn:aws:sts::<account>:assumed-role/<name>/…`
 * still names the role.
 */
export function isOwnCall(
  call: Pick<AppMeshApiCallTrigger, 'userIdentityArn' | 'sessionIssuerArn'>,
  ownRoleArns: readonly string[],
): boolean {
  if (call.sessionIssuerArn && ownRoleArns.includes(call.sessionIssuerArn)) return true;
  const session = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(call.userIdentityArn);
  if (!session) return false;
  const [, partition, account, roleName] = session;
  // Role ARNs may carry a path (role/service-role/name); the session ARN keeps only the name.
  return ownRoleArns.some((arn) => {
    const role = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
    return role !== null && role[1] === partition && role[2] === account && role[3] === roleName;
  });
}
