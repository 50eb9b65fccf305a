import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallRecord } from './call-log.ts';
import type { TransportKnobs } from './knobs.ts';
import { listen } from './listen.ts';
import { createRestJsonHandler, type RestJsonService } from './rest-json-handler.ts';

/** What every emulator handle offers besides its service's own extras. */
export interface ServedEmulator<Op extends string, State> {
  /** `http://127.0.0.1:PORT`, for the SDK's `endpoint` option. */
  readonly endpoint: string;
  readonly port: number;
  /** Every request handled since start or the last `resetCalls()`. */
  readonly calls: readonly CallRecord<Op>[];
  resetCalls(): void;
  snapshot(): { readonly state: State };
  restore(snapshot: { readonly state: State }): void;
  close(): Promise<void>;
}

/**
 * Serves a REST-JSON service on loopback with the shared HTTP face, and the handle parts every emulator has:
 * call log, snapshot/restore of the plain-JSON state (persisted after restores and writes) and close.
 */
export function serveEmulator<Op extends string, E extends string, State>(options: {
  service: RestJsonService<Op, E>;
  holder: { state: State };
  knobs: TransportKnobs<Op, E>;
  persist: () => void;
  accessKeys?: Record<string, string>;
  defaultAccount: string;
  nowMs: () => number;
  port?: number;
  host?: string;
}): Promise<ServedEmulator<Op, State>> {
  return serveProtocol<Op, State, CallRecord<Op>>({
    ...options,
    handlerFor: (calls) =>
      createRestJsonHandler({
        service: options.service,
        knobs: options.knobs,
        calls,
        accessKeys: options.accessKeys ?? {},
        defaultAccount: options.defaultAccount,
        onWrite: options.persist,
        nowMs: options.nowMs,
      }),
  });
}

/** The handle parts around any protocol's handler: call log, snapshot/restore, persistence after restores, close. */
export async function serveProtocol<Op extends string, State, Call extends CallRecord<Op>>(options: {
  handlerFor: (calls: Call[]) => (req: IncomingMessage, res: ServerResponse) => void;
  holder: { state: State };
  persist: () => void;
  port?: number;
  host?: string;
}): Promise<ServedEmulator<Op, State> & { readonly calls: readonly Call[] }> {
  const calls: Call[] = [];
  const server = await listen(options.handlerFor(calls), options);
  return {
    endpoint: server.endpoint,
    port: server.port,
    calls,
    resetCalls: () => {
      calls.length = 0;
    },
    snapshot: () => ({ state: structuredClone(options.holder.state) }),
    restore: (snapshot) => {
      options.holder.state = structuredClone(snapshot.state);
      options.persist();
    },
    close: server.close,
  };
}
