import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type CallRecord, summarizeInput } from './call-log.ts';
import { callerAccount } from './caller-account.ts';
import type { TransportKnobs } from './knobs.ts';
import type { OperationDef, ShapeDef } from './model-types.ts';
import { parseRestInput, serializeRestOutput } from './parse-input.ts';
import type { Router } from './route-request.ts';
import { AwsServiceError } from './service-error.ts';
import { accountBuckets, executeWithKnobs, readBody, survivesTransport } from './transport.ts';

/** What a REST-JSON service plugs into the shared HTTP face: its model, its logic and its error words. */
export interface RestJsonService<Op extends string, E extends string> {
  readonly operations: Readonly<Record<Op, OperationDef>>;
  readonly shapes: Readonly<Record<string, ShapeDef>>;
  readonly route: Router<Op>;
  /** Runs one operation for the caller's account; throws AwsServiceError for the service's own errors. */
  execute(operation: Op, input: Record<string, unknown>, account: string): Record<string, unknown>;
  /** Writes persist and count against the write token bucket. */
  isWrite(operation: Op): boolean;
  /** Members the call log keeps of an input. */
  readonly summaryMembers: RegExp;
  readonly errors: {
    unknownOperation(method: string, path: string): AwsServiceError;
    malformedBody(message: string): AwsServiceError;
    throttled(operation: Op): AwsServiceError;
    injected(type: E, message: string): AwsServiceError;
    /** A defect of the emulator itself, answered as the service's 500. */
    internal(message: string): AwsServiceError;
  };
}

export interface HandlerDeps<Op extends string, E extends string> {
  readonly service: RestJsonService<Op, E>;
  readonly knobs: TransportKnobs<Op, E>;
  readonly calls: CallRecord<Op>[];
  readonly accessKeys: Readonly<Record<string, string>>;
  readonly defaultAccount: string;
  /** Called after every successful write (persistence). */
  readonly onWrite: () => void;
  readonly nowMs: () => number;
}

function send(
  res: ServerResponse,
  status: number,
  body: string | undefined,
  headers: Readonly<Record<string, string>> = {},
): void {
  res.statusCode = status;
  res.setHeader('x-amzn-RequestId', randomUUID());
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  if (body === undefined) return void res.end();
  res.setHeader('Content-Type', 'application/json');
  res.end(body);
}

const sendError = (res: ServerResponse, error: AwsServiceError) =>
  send(res, error.status, JSON.stringify({ message: error.message, ...error.fields }), {
    ...error.headers,
    'x-amzn-ErrorType': error.type,
  });

/**
 * The HTTP face of a REST-JSON emulator: routes by method and URI template, applies the knobs (latency,
 * dropped connections, token buckets, injected faults) around the service, logs the call and answers with
 * the model's success code, or with the error's status, `x-amzn-ErrorType` and body.
 */
export function createRestJsonHandler<Op extends string, E extends string>(
  deps: HandlerDeps<Op, E>,
): (req: IncomingMessage, res: ServerResponse) => void {
  const { service } = deps;
  const bucketFor = accountBuckets(deps.knobs, deps.nowMs);

  return (req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, service.errors.internal(String(error)));
    });
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = deps.nowMs();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const body = await readBody(req);
    const account = callerAccount(req.headers.authorization, deps.accessKeys, deps.defaultAccount);
    const routed = service.route(req.method ?? 'GET', url.pathname);
    const record: CallRecord<Op> = {
      operation: routed?.operation ?? 'Unknown',
      account,
      input: {},
      status: 0,
      at,
    };
    deps.calls.push(record);
    const fail = (error: AwsServiceError) => {
      record.status = error.status;
      record.errorType = error.type;
      sendError(res, error);
    };
    if (!routed) return fail(service.errors.unknownOperation(req.method ?? 'GET', url.pathname));

    if (!(await survivesTransport(deps.knobs, req, record))) return;
    const def = service.operations[routed.operation];
    const write = service.isWrite(routed.operation);
    try {
      const input = parseRestInput(
        def,
        service.shapes,
        { labels: routed.labels, query: url.searchParams, headers: req.headers, body },
        service.errors.malformedBody,
      );
      record.input = summarizeInput(input, service.summaryMembers);
      const output = executeWithKnobs(
        deps.knobs,
        { operation: routed.operation, write, bucket: bucketFor(account, write) },
        service.errors,
        () => service.execute(routed.operation, input, account),
        deps.onWrite,
      );
      record.status = def.responseCode;
      send(
        res,
        def.responseCode,
        def.responseCode === 204 ? undefined : serializeRestOutput(def, service.shapes, output),
      );
    } catch (error) {
      if (error instanceof AwsServiceError) return fail(error);
      throw error;
    }
  }
}
