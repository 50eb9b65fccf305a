import { type CloudMapContext, epochSeconds, str } from './cloud-map-context.ts';
import { CloudMapError, invalidInput } from './cloud-map-errors.ts';
import type { CloudMapState, OperationEffect, OperationType, StoredOperation } from './cloud-map-state.ts';
import { pageOf } from './page-of.ts';

/**
 * Starts an asynchronous operation: it is SUBMITTED now and its effect reaches the state only when it
 * completes, `operationDelayMs` later (on the first request after that), as the service does it.
 */
export function submitOperation(
  ctx: CloudMapContext,
  type: OperationType,
  targets: StoredOperation['Targets'],
  effect: OperationEffect,
): string {
  const now = epochSeconds(ctx);
  const id = `${ctx.config.newId(32)}-${ctx.config.newId(8)}`;
  ctx.state.operations[id] = {
    Id: id,
    OwnerAccount: ctx.caller,
    Type: type,
    Status: 'SUBMITTED',
    CreateDate: now,
    UpdateDate: now,
    Targets: targets,
    completesAt: ctx.config.now() + ctx.config.operationDelayMs,
    effect,
  };
  return id;
}

/** The operation still running on one instance of a service, if any (a second one is a DuplicateRequest). */
export function runningOnInstance(
  state: CloudMapState,
  serviceId: string,
  instanceId: string,
): StoredOperation | undefined {
  return Object.values(state.operations).find(
    (o) =>
      o.completesAt !== undefined && o.Targets.SERVICE === serviceId && o.Targets.INSTANCE === instanceId,
  );
}

/** Completes every operation that is due, in submission order, and brings due health statuses into force. */
export function settle(state: CloudMapState, nowMs: number): boolean {
  let changed = false;
  const due = Object.values(state.operations)
    .filter((o) => o.completesAt !== undefined && o.completesAt <= nowMs)
    .sort((a, b) => a.CreateDate - b.CreateDate || (a.completesAt ?? 0) - (b.completesAt ?? 0));
  for (const operation of due) {
    const failure = operation.effect ? applyEffect(state, operation.effect) : undefined;
    operation.Status = failure ? 'FAIL' : 'SUCCESS';
    if (failure) {
      operation.ErrorCode = failure.code;
      operation.ErrorMessage = failure.message;
    }
    operation.UpdateDate = nowMs / 1000;
    delete operation.completesAt;
    delete operation.effect;
    changed = true;
  }
  for (const instances of Object.values(state.instances)) {
    for (const instance of Object.values(instances)) {
      if (instance.pendingHealth && instance.pendingHealth.at <= nowMs) {
        instance.health = instance.pendingHealth.status;
        delete instance.pendingHealth;
        changed = true;
      }
    }
  }
  return changed;
}

const bumpRevision = (state: CloudMapState, serviceId: string) => {
  state.revisions[serviceId] = (state.revisions[serviceId] ?? 0) + 1;
};

function applyEffect(
  state: CloudMapState,
  effect: OperationEffect,
): { code: string; message: string } | undefined {
  switch (effect.kind) {
    case 'create-namespace':
      state.namespaces[effect.namespace.Id] = effect.namespace;
      if (effect.tags.length > 0) state.tags[effect.namespace.Arn] = effect.tags;
      return undefined;
    case 'delete-namespace': {
      const ns = state.namespaces[effect.namespaceId];
      if (!ns) return undefined;
      if (Object.values(state.services).some((s) => s.NamespaceId === ns.Id))
        return { code: 'RESOURCE_IN_USE', message: `Namespace ${ns.Id} still has services` };
      delete state.namespaces[ns.Id];
      delete state.tags[ns.Arn];
      return undefined;
    }
    case 'update-namespace': {
      const ns = state.namespaces[effect.namespaceId];
      if (ns) Object.assign(ns, effect.changes);
      return undefined;
    }
    case 'update-service': {
      const service = state.services[effect.serviceId];
      if (service) Object.assign(service, effect.changes);
      return undefined;
    }
    case 'register-instance': {
      if (!state.services[effect.serviceId])
        return { code: 'SERVICE_NOT_FOUND', message: `Service ${effect.serviceId} no longer exists` };
      const instances = state.instances[effect.serviceId] ?? {};
      state.instances[effect.serviceId] = instances;
      const existing = instances[effect.instance.Id];
      // A re-registration replaces the attributes; the health in force stays until a new report.
      instances[effect.instance.Id] = {
        ...effect.instance,
        ...(existing?.health ? { health: existing.health } : {}),
      };
      bumpRevision(state, effect.serviceId);
      return undefined;
    }
    case 'deregister-instance': {
      const instances = state.instances[effect.serviceId];
      if (!instances?.[effect.instanceId])
        return { code: 'INSTANCE_NOT_FOUND', message: `Instance ${effect.instanceId} is not registered` };
      delete instances[effect.instanceId];
      bumpRevision(state, effect.serviceId);
      return undefined;
    }
  }
}

const publicView = (o: StoredOperation) => {
  const { completesAt: _c, effect: _e, ...rest } = o;
  return rest;
};

export function getOperation(ctx: CloudMapContext): Record<string, unknown> {
  const id = str(ctx, 'OperationId') ?? '';
  const found = ctx.state.operations[id];
  if (!found || found.OwnerAccount !== ctx.caller)
    throw new CloudMapError('OperationNotFound', `No operation found with ID: ${id}`);
  return { Operation: publicView(found) };
}

interface Filter {
  Name: 'NAMESPACE_ID' | 'SERVICE_ID' | 'STATUS' | 'TYPE' | 'UPDATE_DATE';
  Values: string[];
  Condition?: 'EQ' | 'IN' | 'BETWEEN' | 'BEGINS_WITH';
}

export function listOperations(ctx: CloudMapContext): Record<string, unknown> {
  const filters = (ctx.input.Filters as Filter[] | undefined) ?? [];
  const matches = (o: StoredOperation, f: Filter): boolean => {
    const condition = f.Condition ?? 'EQ';
    if (f.Name === 'UPDATE_DATE') {
      if (condition !== 'BETWEEN' || f.Values.length !== 2)
        throw invalidInput('UPDATE_DATE filters take BETWEEN with two values');
      const [from, to] = f.Values.map(Number) as [number, number];
      return o.UpdateDate >= from && o.UpdateDate <= to;
    }
    if (condition !== 'EQ' && condition !== 'IN')
      throw invalidInput(`${f.Name} filters take EQ or IN, not ${condition}`);
    if (condition === 'EQ' && f.Values.length !== 1) throw invalidInput('EQ takes exactly one value');
    const value =
      f.Name === 'NAMESPACE_ID'
        ? o.Targets.NAMESPACE
        : f.Name === 'SERVICE_ID'
          ? o.Targets.SERVICE
          : f.Name === 'STATUS'
            ? o.Status
            : o.Type;
    return value !== undefined && f.Values.includes(value);
  };
  const all = Object.values(ctx.state.operations).filter(
    (o) => o.OwnerAccount === ctx.caller && filters.every((f) => matches(o, f)),
  );
  const page = pageOf(ctx, all, (o) => `${String(o.CreateDate).padStart(20, '0')}|${o.Id}`, 'operations');
  return {
    Operations: page.items.map((o) => ({ Id: o.Id, Status: o.Status })),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
}
