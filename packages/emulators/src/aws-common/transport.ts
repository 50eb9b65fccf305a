import type { IncomingMessage } from 'node:http';
import type { CallRecord } from './call-log.ts';
import { pickFault, type TransportKnobs } from './knobs.ts';
import type { AwsServiceError } from './service-error.ts';
import { TokenBucket } from './token-bucket.ts';

/** What every protocol face does around a service call, whatever its wire format. */

export const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Per-account token buckets for reads and writes; a changed knob takes effect at once with a full bucket. */
export function accountBuckets(
  knobs: Pick<TransportKnobs, 'readRate' | 'writeRate'>,
  nowMs: () => number,
): (account: string, write: boolean) => TokenBucket | undefined {
  const buckets = new Map<string, TokenBucket>();
  return (account, write) => {
    const limit = write ? knobs.writeRate : knobs.readRate;
    if (!limit) return undefined;
    const key = `${account}|${write}`;
    let bucket = buckets.get(key);
    if (!bucket || bucket.limit !== limit) {
      bucket = new TokenBucket(limit, nowMs);
      buckets.set(key, bucket);
    }
    return bucket;
  };
}

/** The latency knob, then the dropped-connection knob: false when the connection was dropped. */
export async function survivesTransport(
  knobs: TransportKnobs,
  req: IncomingMessage,
  record: CallRecord,
): Promise<boolean> {
  if (knobs.latencyMs > 0) await sleep(knobs.latencyMs);
  if (knobs.dropConnectionRate > 0 && knobs.random() < knobs.dropConnectionRate) {
    record.errorType = 'DroppedConnection';
    req.socket.destroy();
    return false;
  }
  return true;
}

/**
 * Runs one call under the throttling and fault knobs: a token or ThrottlingException-style error, then an
 * injected fault before the service runs, or after it committed (as when a response is lost).
 */
export function executeWithKnobs<Op extends string, E extends string>(
  knobs: TransportKnobs<Op, E>,
  call: { operation: Op; write: boolean; bucket: TokenBucket | undefined },
  errors: { throttled(operation: Op): AwsServiceError; injected(type: E, message: string): AwsServiceError },
  execute: () => Record<string, unknown>,
  onWrite: () => void,
): Record<string, unknown> {
  if (call.bucket?.take() === false) throw errors.throttled(call.operation);
  const fault = pickFault(knobs, call.operation);
  const injected = fault
    ? errors.injected(fault.errorType, fault.message ?? `Injected ${fault.errorType} on ${call.operation}`)
    : undefined;
  if (injected && !fault?.afterCommit) throw injected;
  const output = execute();
  if (call.write) onWrite();
  if (injected) throw injected;
  return output;
}
