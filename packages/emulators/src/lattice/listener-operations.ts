import { checkAction } from './action-rules.ts';
import { conflict, invalidField, notFound } from './errors.ts';
import { listPage } from './list-page.ts';
import { newResource, requireQuota, requireUniqueName } from './new-resource.ts';
import {
  idOf,
  type Operation,
  type OperationContext,
  requireOwner,
  resolve,
  str,
} from './operation-context.ts';
import { view } from './render.ts';
import { removeListeners } from './service-operations.ts';
import { resourcesOf, type StoredResource } from './service-state.ts';

/** The service a listener or rule call addresses; it must exist and not be going away. */
export function liveService(ctx: OperationContext): StoredResource {
  const service = resolve(ctx, 'service', str(ctx, 'serviceIdentifier') as string);
  if (service.goneAt !== undefined)
    throw notFound('SERVICE', service.id, `Service ${service.id} is being deleted`);
  return service;
}

/** A listener of the addressed service, by id or ARN. */
export function listenerOf(ctx: OperationContext, service: StoredResource): StoredResource {
  const identifier = str(ctx, 'listenerIdentifier') as string;
  const r = ctx.state.resources[idOf(identifier)];
  if (
    r?.kind !== 'listener' ||
    r.serviceId !== service.id ||
    (identifier.startsWith('arn:') && r.arn !== identifier)
  )
    throw notFound('LISTENER', identifier);
  return r;
}

const defaultPort = (protocol: string) => (protocol === 'HTTP' ? 80 : 443);

/**
 * A listener with its default rule (§1.5, §3.4): unique name (and, by default, port) per service, at most the
 * listeners-per-service quota, TLS_PASSTHROUGH only on a service with a custom domain, a valid default action.
 */
export const createListener: Operation = (ctx) => {
  const service = liveService(ctx);
  requireOwner(ctx, service);
  const name = str(ctx, 'name') as string;
  const protocol = str(ctx, 'protocol') as string;
  const port = (ctx.input.port as number | undefined) ?? defaultPort(protocol);
  const siblings = resourcesOf(ctx.state, 'listener', (l) => l.serviceId === service.id);
  requireUniqueName(ctx, 'listener', name, (l) => l.serviceId === service.id);
  const samePort = siblings.find((l) => l.attrs.port === port);
  if (ctx.config.behaviours.listenerPortUnique && samePort)
    throw conflict(
      'LISTENER',
      samePort.id,
      `Service ${service.id} already has listener ${samePort.id} on port ${port}`,
    );
  requireQuota(ctx, 'listenersPerService', siblings.length, 'LISTENER', service.id);
  if (protocol === 'TLS_PASSTHROUGH' && !service.attrs.customDomainName)
    throw invalidField(
      'protocol',
      `TLS_PASSTHROUGH needs a service with a custom domain name; ${service.id} has none`,
    );
  const defaultAction = ctx.input.defaultAction as Record<string, unknown>;
  checkAction(ctx, 'defaultAction', defaultAction, service, protocol);
  const listener = newResource(ctx, 'listener', { name, service, attrs: { protocol, port, defaultAction } });
  newResource(ctx, 'rule', {
    name: ctx.config.behaviours.defaultRuleName,
    service,
    listener,
    attrs: { isDefault: true },
  });
  // The default rule carries no tags of its own.
  for (const r of resourcesOf(ctx.state, 'rule', (x) => x.listenerId === listener.id)) r.tags = {};
  return view(ctx, listener);
};

export const getListener: Operation = (ctx) => view(ctx, listenerOf(ctx, liveService(ctx)));

/** Only the default action changes; name, protocol and port are fixed (§3.6). */
export const updateListener: Operation = (ctx) => {
  const service = liveService(ctx);
  const listener = listenerOf(ctx, service);
  requireOwner(ctx, listener);
  const defaultAction = ctx.input.defaultAction as Record<string, unknown>;
  checkAction(ctx, 'defaultAction', defaultAction, service, listener.attrs.protocol as string, listener.id);
  listener.attrs.defaultAction = defaultAction;
  listener.lastUpdatedAt = ctx.now;
  return view(ctx, listener);
};

/** Takes its rules with it (§3.3). */
export const deleteListener: Operation = (ctx) => {
  const service = liveService(ctx);
  const listener = listenerOf(ctx, service);
  requireOwner(ctx, listener);
  removeListeners(ctx, service, listener.id);
  return {};
};

export const listListeners: Operation = (ctx) => {
  const service = liveService(ctx);
  return listPage(
    ctx,
    resourcesOf(ctx.state, 'listener', (l) => l.serviceId === service.id),
    (l) => l.seq,
    `listeners:${service.id}`,
    (l) => view(ctx, l),
  );
};
