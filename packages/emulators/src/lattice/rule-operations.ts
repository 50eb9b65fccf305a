import { checkAction, semanticError } from './action-rules.ts';
import { invalidField, type LatticeError, notFound } from './errors.ts';
import { listPage } from './list-page.ts';
import { listenerOf, liveService } from './listener-operations.ts';
import { newResource, requireQuota, requireUniqueName } from './new-resource.ts';
import { idOf, type Operation, type OperationContext, requireOwner, str } from './operation-context.ts';
import { view } from './render.ts';
import { resourcesOf, type StoredResource } from './service-state.ts';

/** A rule of the addressed listener, by id or ARN. */
function ruleOf(ctx: OperationContext, listener: StoredResource, identifier: string): StoredResource {
  const r = ctx.state.resources[idOf(identifier)];
  if (
    r?.kind !== 'rule' ||
    r.listenerId !== listener.id ||
    (identifier.startsWith('arn:') && r.arn !== identifier)
  )
    throw notFound('RULE', identifier);
  return r;
}

const rulesOf = (ctx: OperationContext, listener: StoredResource) =>
  resourcesOf(ctx.state, 'rule', (r) => r.listenerId === listener.id);

/** §7.4: fills a path match's `caseSensitive` when the behaviour says the service does. */
function normaliseMatch(ctx: OperationContext, match: unknown): unknown {
  const fill = ctx.config.behaviours.pathCaseSensitiveDefault;
  const pathMatch = (match as { httpMatch?: { pathMatch?: Record<string, unknown> } }).httpMatch?.pathMatch;
  if (fill === 'omit' || !pathMatch || pathMatch.caseSensitive !== undefined) return match;
  const copy = structuredClone(match) as { httpMatch: { pathMatch: Record<string, unknown> } };
  copy.httpMatch.pathMatch.caseSensitive = fill === 'true';
  return copy;
}

function checkPriority(ctx: OperationContext, field: string, priority: number): void {
  const max = ctx.config.behaviours.maxRulePriority;
  if (priority > max) throw invalidField(field, `must be at most ${max}`);
}

function requireFreePriority(
  ctx: OperationContext,
  listener: StoredResource,
  priority: number,
  self?: string,
): void {
  const clash = rulesOf(ctx, listener).find(
    (r) => r.id !== self && !r.attrs.isDefault && r.attrs.priority === priority,
  );
  if (clash)
    throw semanticError(
      ctx,
      'duplicatePriorityError',
      'priority',
      { type: 'RULE', id: clash.id },
      `Priority ${priority} is already used by rule ${clash.id} of listener ${listener.id}`,
    );
}

function tlsListenerGuard(ctx: OperationContext, listener: StoredResource): void {
  if (listener.attrs.protocol === 'TLS_PASSTHROUGH')
    throw semanticError(
      ctx,
      'ruleOnTlsListenerError',
      'listenerIdentifier',
      { type: 'LISTENER', id: listener.id },
      `Listener ${listener.id} is TLS_PASSTHROUGH: only its default rule is allowed`,
    );
}

export const createRule: Operation = (ctx) => {
  const service = liveService(ctx);
  const listener = listenerOf(ctx, service);
  requireOwner(ctx, listener);
  tlsListenerGuard(ctx, listener);
  const name = str(ctx, 'name') as string;
  const priority = ctx.input.priority as number;
  requireUniqueName(ctx, 'rule', name, (r) => r.listenerId === listener.id);
  checkPriority(ctx, 'priority', priority);
  requireFreePriority(ctx, listener, priority);
  const counted = rulesOf(ctx, listener).filter(
    (r) => ctx.config.behaviours.defaultRuleCountsTowardQuota || !r.attrs.isDefault,
  );
  requireQuota(ctx, 'rulesPerListener', counted.length, 'RULE', listener.id);
  const action = ctx.input.action as Record<string, unknown>;
  checkAction(ctx, 'action', action, service, listener.attrs.protocol as string);
  const rule = newResource(ctx, 'rule', {
    name,
    service,
    listener,
    attrs: { isDefault: false, priority, match: normaliseMatch(ctx, ctx.input.match), action },
  });
  return view(ctx, rule);
};

export const getRule: Operation = (ctx) => {
  const service = liveService(ctx);
  return view(ctx, ruleOf(ctx, listenerOf(ctx, service), str(ctx, 'ruleIdentifier') as string));
};

interface RuleChange {
  match?: unknown;
  priority?: number;
  action?: Record<string, unknown>;
}

/** Checks one change to a non-default rule; priority uniqueness is the caller's to check. */
function checkChange(
  ctx: OperationContext,
  service: StoredResource,
  listener: StoredResource,
  rule: StoredResource,
  change: RuleChange,
): void {
  if (rule.attrs.isDefault)
    throw semanticError(
      ctx,
      'deleteDefaultRuleError',
      'ruleIdentifier',
      { type: 'RULE', id: rule.id },
      `Rule ${rule.id} is the default rule of listener ${listener.id}: change it with UpdateListener`,
    );
  if (change.priority !== undefined) checkPriority(ctx, 'priority', change.priority);
  if (change.action)
    checkAction(ctx, 'action', change.action, service, listener.attrs.protocol as string, rule.id);
}

function applyChange(ctx: OperationContext, rule: StoredResource, change: RuleChange): void {
  if (change.match !== undefined) rule.attrs.match = normaliseMatch(ctx, change.match);
  if (change.priority !== undefined) rule.attrs.priority = change.priority;
  if (change.action !== undefined) rule.attrs.action = change.action;
  rule.lastUpdatedAt = ctx.now;
}

/** Match, priority and action change; the default rule is changed through UpdateListener (§3.6). */
export const updateRule: Operation = (ctx) => {
  const service = liveService(ctx);
  const listener = listenerOf(ctx, service);
  const rule = ruleOf(ctx, listener, str(ctx, 'ruleIdentifier') as string);
  requireOwner(ctx, rule);
  const change = ctx.input as RuleChange;
  checkChange(ctx, service, listener, rule, change);
  if (change.priority !== undefined) requireFreePriority(ctx, listener, change.priority, rule.id);
  applyChange(ctx, rule, change);
  return view(ctx, rule);
};

/** The default rule cannot be deleted (§3.3). */
export const deleteRule: Operation = (ctx) => {
  const service = liveService(ctx);
  const listener = listenerOf(ctx, service);
  const rule = ruleOf(ctx, listener, str(ctx, 'ruleIdentifier') as string);
  requireOwner(ctx, rule);
  if (rule.attrs.isDefault)
    throw semanticError(
      ctx,
      'deleteDefaultRuleError',
      'ruleIdentifier',
      { type: 'RULE', id: rule.id },
      `Rule ${rule.id} is the default rule of listener ${listener.id} and cannot be deleted`,
    );
  delete ctx.state.resources[rule.id];
  return {};
};

export const listRules: Operation = (ctx) => {
  const service = liveService(ctx);
  const listener = listenerOf(ctx, service);
  return listPage(
    ctx,
    rulesOf(ctx, listener),
    (r) => r.seq,
    `rules:${listener.id}`,
    (r) => view(ctx, r),
  );
};

interface RuleUpdate extends RuleChange {
  ruleIdentifier: string;
}

const failure = (ruleIdentifier: string, error: unknown) => {
  const e = error as LatticeError;
  return { ruleIdentifier, failureCode: e.type ?? 'InternalServerException', failureMessage: e.message };
};

/**
 * Updates up to 10 rules of one listener (§1.6, §3.4). Items that name no rule of the listener or break a
 * rule fail alone, in `unsuccessful`. Priority uniqueness is checked on the end state of the whole batch
 * (so two rules can swap priorities) or item by item, per the behaviour switch (§7.23).
 */
export const batchUpdateRule: Operation = (ctx) => {
  const service = liveService(ctx);
  const listener = listenerOf(ctx, service);
  requireOwner(ctx, listener);
  const unsuccessful: ReturnType<typeof failure>[] = [];
  const accepted: { rule: StoredResource; change: RuleUpdate }[] = [];
  for (const change of ctx.input.rules as RuleUpdate[]) {
    try {
      const rule = ruleOf(ctx, listener, change.ruleIdentifier);
      checkChange(ctx, service, listener, rule, change);
      if (ctx.config.behaviours.batchPriorityCheck === 'perItem') {
        if (change.priority !== undefined) requireFreePriority(ctx, listener, change.priority, rule.id);
        applyChange(ctx, rule, change);
      }
      accepted.push({ rule, change });
    } catch (error) {
      unsuccessful.push(failure(change.ruleIdentifier, error));
    }
  }
  if (ctx.config.behaviours.batchPriorityCheck === 'endState') {
    const endPriority = new Map(
      rulesOf(ctx, listener)
        .filter((r) => !r.attrs.isDefault)
        .map((r) => [r.id, r.attrs.priority as number]),
    );
    for (const { rule, change } of accepted)
      if (change.priority !== undefined) endPriority.set(rule.id, change.priority);
    const seen = new Map<number, string>();
    for (const [id, priority] of endPriority) {
      const other = seen.get(priority);
      if (other)
        throw semanticError(
          ctx,
          'duplicatePriorityError',
          'rules',
          { type: 'RULE', id },
          `After this batch rules ${other} and ${id} would both have priority ${priority}`,
        );
      seen.set(priority, id);
    }
    for (const { rule, change } of accepted) applyChange(ctx, rule, change);
  }
  return { successful: accepted.map(({ rule }) => view(ctx, rule)), unsuccessful };
};
