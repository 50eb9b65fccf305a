import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AppMeshService, isWriteOperation } from './app-mesh-service.ts';
import { type CallRecord, summarizeInput } from './call-log.ts';
import { callerAccount } from './caller-account.ts';
import { AppMeshError } from './errors.ts';
import { type Knobs, pickFault } from './knobs.ts';
import { parseInput, serializeOutput } from './parse-input.ts';
import { routeRequest } from './route-request.ts';
import { TokenBucket } from './token-bucket.ts';

export interface HandlerDeps {
  readonly service: AppMeshService;
  readonly knobs: Knobs;
  readonly calls: CallRecord[];
  readonly accessKeys: Readonly<Record<string, string>>;
  readonly defaultAccount: string;
  /** Called after every successful write (persistence). */
  readonly onWrite: () => void;
  readonly nowMs: () => number;
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function send(res: ServerResponse, status: number, body: string, errorType?: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('x-amzn-RequestId', randomUUID());
  if (errorType) res.setHeader('x-amzn-ErrorType', errorType);
  res.end(body);
}

/**
 * The HTTP face of the emulator: routes by method and URI template, applies the knobs (latency, dropped
 * connections, token buckets, injected faults) around the service, and answers as REST-JSON.
 */
export function createAppMeshHandler(deps: HandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const buckets = new Map<string, TokenBucket>();
  const bucketFor = (account: string, write: boolean): TokenBucket | undefined => {
    const limit = write ? deps.knobs.writeRate : deps.knobs.readRate;
    if (!limit) return undefined;
    const key = `${account}|${write}`;
    let bucket = buckets.get(key);
    // A changed knob takes effect at once with a full bucket.
    if (!bucket || bucket.limit !== limit) {
      bucket = new TokenBucket(limit, deps.nowMs);
      buckets.set(key, bucket);
    }
    return bucket;
  };

  return (req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        send(res, 500, JSON.stringify({ message: String(error) }), 'InternalServerErrorException');
    });
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = deps.nowMs();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const body = await readBody(req);
    const account = callerAccount(req.headers.authorization, deps.accessKeys, deps.defaultAccount);
    const routed = routeRequest(req.method ?? 'GET', url.pathname);
    const record: CallRecord = {
      operation: routed?.operation ?? 'Unknown',
      account,
      input: {},
      status: 0,
      at,
    };
    deps.calls.push(record);
    const fail = (error: AppMeshError) => {
      record.status = error.status;
      record.errorType = error.type;
      send(res, error.status, JSON.stringify({ message: error.message }), error.type);
    };
    if (!routed)
      return fail(new AppMeshError('NotFoundException', `No operation at ${req.method} ${url.pathname}`));

    if (deps.knobs.latencyMs > 0) await sleep(deps.knobs.latencyMs);
    if (deps.knobs.dropConnectionRate > 0 && deps.knobs.random() < deps.knobs.dropConnectionRate) {
      record.errorType = 'DroppedConnection';
      req.socket.destroy();
      return;
    }
    const write = isWriteOperation(routed.operation);
    try {
      const input = parseInput(routed.operation, routed.labels, url.searchParams, req.headers, body);
      record.input = summarizeInput(input);
      if (bucketFor(account, write)?.take() === false)
        throw new AppMeshError('TooManyRequestsException', `Rate exceeded for ${routed.operation}`);
      const fault = pickFault(deps.knobs, routed.operation);
      const injected = fault
        ? new AppMeshError(
            fault.errorType,
            fault.message ?? `Injected ${fault.errorType} on ${routed.operation}`,
          )
        : undefined;
      if (injected && !fault?.afterCommit) throw injected;
      const output = deps.service.execute(routed.operation, input, account);
      if (write) deps.onWrite();
      if (injected) throw injected;
      record.status = 200;
      send(res, 200, serializeOutput(routed.operation, output));
    } catch (error) {
      if (error instanceof AppMeshError) return fail(error);
      throw error;
    }
  }
}
