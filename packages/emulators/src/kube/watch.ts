import type { ServerResponse } from 'node:http';
import { matchesFields, parseFieldSelector } from './field-selector.ts';
import type { KubeEvent } from './kube-events.ts';
import type { KubeObject } from './kube-object.ts';
import { KubeStatusError } from './kube-status-error.ts';
import type { KubeStore } from './kube-store.ts';
import { matchesLabels, parseLabelSelector } from './label-selector.ts';
import { apiVersionOf, type ResourceType } from './resource-types.ts';

export interface WatchRequest {
  type: ResourceType;
  namespace?: string;
  name?: string;
  query: URLSearchParams;
}

export const isWatch = (query: URLSearchParams): boolean => ['true', '1'].includes(query.get('watch') ?? '');

/**
 * Prepares a watch: selectors are parsed now, so a bad one is a plain 400 before the stream starts.
 * The returned function streams newline-delimited watch events: from `resourceVersion` when given
 * (replayed from the event log), otherwise a synthetic ADDED per current object first, as the real
 * server does; it ends at `timeoutSeconds` or when the client goes away.
 */
export function prepareWatch(store: KubeStore, { type, namespace, name, query }: WatchRequest) {
  const labels = parseLabelSelector(query.get('labelSelector') ?? '');
  const fields = parseFieldSelector(query.get('fieldSelector') ?? '', type);
  const namespaceOf = type.namespaced ? namespace : undefined;
  const matches = (o: KubeObject) =>
    o.apiVersion === apiVersionOf(type) &&
    o.kind === type.kind &&
    (namespaceOf === undefined || o.metadata.namespace === namespaceOf) &&
    (name === undefined || o.metadata.name === name) &&
    matchesLabels(labels, o.metadata.labels ?? {}) &&
    matchesFields(fields, o);
  const from = query.get('resourceVersion') ?? '';
  const replay = from === '' || from === '0' ? 'current' : store.events.since(Number(from));
  const initial: KubeEvent[] =
    replay === 'current'
      ? store.list(apiVersionOf(type), type.kind, namespaceOf).map((object) => ({ type: 'ADDED', object }))
      : replay === 'expired'
        ? []
        : replay;

  return (response: ServerResponse): void => {
    response.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    // Clients wait for the headers before they start reading; an empty watch must still send them.
    response.flushHeaders();
    const write = (event: { type: string; object: unknown }) => response.write(`${JSON.stringify(event)}\n`);
    if (replay === 'expired') {
      const gone = new KubeStatusError(410, 'Expired', `too old resource version: ${from}`);
      write({ type: 'ERROR', object: gone.toStatus() });
      response.end();
      return;
    }
    for (const event of initial) if (matches(event.object)) write(event);
    const unsubscribe = store.events.subscribe((event) => {
      if (matches(event.object)) write(event);
    });
    const seconds = Number(query.get('timeoutSeconds') ?? 0);
    const timer = seconds > 0 ? setTimeout(() => response.end(), seconds * 1000) : undefined;
    response.on('close', () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    });
  };
}
