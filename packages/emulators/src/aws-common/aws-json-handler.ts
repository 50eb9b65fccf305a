import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type CallRecord, summarizeInput } from './call-log.ts';
import { callerAccount } from './caller-account.ts';
import type { TransportKnobs } from './knobs.ts';
import { AwsServiceError } from './service-error.ts';
import { accountBuckets, executeWithKnobs, readBody, survivesTransport } from './transport.ts';

/** What an awsJson1_1 service (one POST endpoint, the operation in X-Amz-Target) plugs into the shared face. */
export interface AwsJsonService<Op extends string, E extends string> {
  /** `X-Amz-Target` is `<targetPrefix>.<Operation>`. */
  readonly targetPrefix: string;
  readonly operationNames: readonly Op[];
  execute(operation: Op, input: Record<string, unknown>, account: string): Record<string, unknown>;
  isWrite(operation: Op): boolean;
  readonly summaryMembers: RegExp;
  readonly errors: {
    unknownOperation(target: string): AwsServiceError;
    malformedBody(message: string): AwsServiceError;
    throttled(operation: Op): AwsServiceError;
    injected(type: E, message: string): AwsServiceError;
  };
}

export interface AwsJsonHandlerDeps<Op extends string, E extends string> {
  readonly service: AwsJsonService<Op, E>;
  readonly knobs: TransportKnobs<Op, E>;
  readonly calls: Array<CallRecord<Op> & { host?: string }>;
  readonly accessKeys: Readonly<Record<string, string>>;
  readonly defaultAccount: string;
  /** Called after every successful write (persistence). */
  readonly onWrite: () => void;
  readonly nowMs: () => number;
}

function send(res: ServerResponse, status: number, body: string, errorType?: string): void {
  res.statusCode = status;
  res.setHeader('x-amzn-RequestId', randomUUID());
  res.setHeader('Content-Type', 'application/x-amz-json-1.1');
  if (errorType) res.setHeader('x-amzn-ErrorType', errorType);
  res.end(body);
}

/** awsJson errors carry the type in `__type` and the text in `Message`, beside the shape's other members. */
const sendError = (res: ServerResponse, error: AwsServiceError) =>
  send(
    res,
    error.status,
    JSON.stringify({ __type: error.type, Message: error.message, ...error.fields }),
    error.type,
  );

/**
 * The HTTP face of an awsJson1_1 emulator: every call is a POST whose X-Amz-Target names the operation and
 * whose body is the input as the model names it. The knobs (latency, dropped connections, token buckets,
 * injected faults) apply around the service as for the REST-JSON emulators; the call log also keeps the
 * Host the SDK addressed, so tests see a data-plane call go to its host prefix.
 */
export function createAwsJsonHandler<Op extends string, E extends string>(
  deps: AwsJsonHandlerDeps<Op, E>,
): (req: IncomingMessage, res: ServerResponse) => void {
  const { service } = deps;
  const known = new Set<string>(service.operationNames);
  const bucketFor = accountBuckets(deps.knobs, deps.nowMs);

  return (req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        send(
          res,
          500,
          JSON.stringify({ __type: 'InternalFailure', Message: String(error) }),
          'InternalFailure',
        );
    });
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = deps.nowMs();
    const body = await readBody(req);
    const account = callerAccount(req.headers.authorization, deps.accessKeys, deps.defaultAccount);
    const target = String(req.headers['x-amz-target'] ?? '');
    const name = target.startsWith(`${service.targetPrefix}.`)
      ? target.slice(service.targetPrefix.length + 1)
      : '';
    const operation = req.method === 'POST' && known.has(name) ? (name as Op) : undefined;
    const record: CallRecord<Op> & { host?: string } = {
      operation: operation ?? 'Unknown',
      account,
      input: {},
      status: 0,
      at,
      ...(req.headers.host ? { host: req.headers.host } : {}),
    };
    deps.calls.push(record);
    const fail = (error: AwsServiceError) => {
      record.status = error.status;
      record.errorType = error.type;
      sendError(res, error);
    };
    if (!operation) return fail(service.errors.unknownOperation(target));

    if (!(await survivesTransport(deps.knobs, req, record))) return;
    const write = service.isWrite(operation);
    try {
      const input = parseBody(body, service.errors.malformedBody);
      record.input = summarizeInput(input, service.summaryMembers);
      const output = executeWithKnobs(
        deps.knobs,
        { operation, write, bucket: bucketFor(account, write) },
        service.errors,
        () => service.execute(operation, input, account),
        deps.onWrite,
      );
      record.status = 200;
      send(res, 200, JSON.stringify(output));
    } catch (error) {
      if (error instanceof AwsServiceError) return fail(error);
      throw error;
    }
  }
}

function parseBody(body: string, malformed: (message: string) => AwsServiceError): Record<string, unknown> {
  if (body.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (cause) {
    throw Object.assign(malformed('The request body is not valid JSON'), { cause });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw malformed('The request body must be a JSON object');
  return parsed as Record<string, unknown>;
}
