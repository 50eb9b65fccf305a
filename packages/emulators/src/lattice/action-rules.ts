import { conflict, invalidField, type LatticeError, notFound } from './errors.ts';
import { requireQuota } from './new-resource.ts';
import { idOf, type OperationContext } from './operation-context.ts';
import { forwardedGroups, groupsUsedBy, targetGroupUsers } from './render.ts';
import type { LatticeBehaviours } from './service-config.ts';
import type { StoredResource } from './service-state.ts';

type SemanticKey =
  | 'targetGroupInUseError'
  | 'listenerProtocolMismatchError'
  | 'ruleOnTlsListenerError'
  | 'deleteDefaultRuleError'
  | 'duplicatePriorityError';

/** A semantic violation as the error type its behaviour switch names (§7.12). */
export function semanticError(
  ctx: OperationContext,
  which: SemanticKey,
  field: string,
  resource: { type: Parameters<typeof conflict>[0]; id: string },
  message: string,
): LatticeError {
  const type: LatticeBehaviours[SemanticKey] = ctx.config.behaviours[which];
  return type === 'ConflictException'
    ? conflict(resource.type, resource.id, message)
    : invalidField(field, message);
}

interface Weighted {
  targetGroupIdentifier: string;
  weight?: number;
}

/**
 * Checks a listener default action or rule action (§3.2, §3.5): fixed responses are 404 or 500; forwarded
 * target groups exist in the caller's account, are used by no other service and fit the listener's protocol;
 * weights and duplicates per the behaviour switches. `others` are the service's other actions, for the
 * target-groups-per-service quota.
 */
export function checkAction(
  ctx: OperationContext,
  field: string,
  action: Record<string, unknown>,
  service: StoredResource,
  listenerProtocol: string,
  replacing?: string,
): void {
  const fixed = action.fixedResponse as { statusCode: number } | undefined;
  if (fixed) {
    if (fixed.statusCode !== 404 && fixed.statusCode !== 500)
      throw invalidField(`${field}.fixedResponse.statusCode`, 'only 404 and 500 are supported');
    if (listenerProtocol === 'TLS_PASSTHROUGH')
      throw semanticError(
        ctx,
        'listenerProtocolMismatchError',
        field,
        { type: 'LISTENER', id: service.id },
        'A TLS_PASSTHROUGH listener can only forward to TCP target groups',
      );
    return;
  }
  const groups = ((action.forward as { targetGroups: Weighted[] }).targetGroups ?? []) as Weighted[];
  const ids = groups.map((g) => idOf(g.targetGroupIdentifier));
  if (ctx.config.behaviours.duplicateTargetGroupsInAction === 'reject' && new Set(ids).size !== ids.length)
    throw invalidField(`${field}.forward.targetGroups`, 'names a target group more than once');
  if (
    ctx.config.behaviours.allZeroWeights === 'reject' &&
    groups.length > 0 &&
    groups.every((g) => g.weight === 0)
  )
    throw invalidField(`${field}.forward.targetGroups`, 'needs at least one non-zero weight');
  // Who uses each target group, read from the state once for the whole action.
  const usersOf = targetGroupUsers(ctx.state);
  for (const g of groups) {
    const id = idOf(g.targetGroupIdentifier);
    const tg = ctx.state.resources[id];
    if (
      tg?.kind !== 'targetGroup' ||
      tg.goneAt !== undefined ||
      (g.targetGroupIdentifier.startsWith('arn:') && tg.arn !== g.targetGroupIdentifier)
    )
      throw notFound('TARGET_GROUP', g.targetGroupIdentifier);
    if (tg.account !== service.account)
      throw invalidField(
        `${field}.forward.targetGroups`,
        `target group ${id} is in another account than service ${service.id}`,
      );
    const users = (usersOf.get(id) ?? []).filter((s) => s.id !== service.id);
    if (users.length > 0)
      throw semanticError(
        ctx,
        'targetGroupInUseError',
        `${field}.forward.targetGroups`,
        { type: 'TARGET_GROUP', id },
        `Target group ${id} is already used by service ${users[0]?.id}; a target group can only be used by a single service`,
      );
    const protocol = (tg.attrs.config as { protocol?: string } | undefined)?.protocol;
    const tcp = protocol === 'TCP';
    if (tcp !== (listenerProtocol === 'TLS_PASSTHROUGH'))
      throw semanticError(
        ctx,
        'listenerProtocolMismatchError',
        `${field}.forward.targetGroups`,
        { type: 'TARGET_GROUP', id },
        tcp
          ? `TCP target group ${id} can only be used by a TLS_PASSTHROUGH listener`
          : `A TLS_PASSTHROUGH listener can only forward to TCP target groups, not ${id}`,
      );
  }
  const before = groupsUsedBy(ctx.state, service.id);
  if (replacing) {
    // The action being replaced no longer counts; recompute without it.
    const old = ctx.state.resources[replacing];
    const oldAction = old?.kind === 'listener' ? old.attrs.defaultAction : old?.attrs.action;
    for (const tg of forwardedGroups(oldAction)) {
      const stillUsed = Object.values(ctx.state.resources).some(
        (r) =>
          r.id !== replacing &&
          r.serviceId === service.id &&
          forwardedGroups(r.kind === 'listener' ? r.attrs.defaultAction : r.attrs.action)
            .map(idOf)
            .includes(idOf(tg)),
      );
      if (!stillUsed) before.delete(idOf(tg));
    }
  }
  const after = new Set([...before, ...ids]);
  if (after.size > before.size)
    requireQuota(ctx, 'targetGroupsPerService', before.size, 'SERVICE', service.id, after.size - before.size);
}
