import { stableJson } from '../aws-common/stable-json.ts';
import { type CloudMapContext, str } from './cloud-map-context.ts';
import { CloudMapError } from './cloud-map-errors.ts';

/**
 * CreatorRequestId idempotency: a retried request (same id, same input) answers what the first one did
 * and changes nothing; the same id with other input is a DuplicateRequest naming the first operation.
 * The SDK fills CreatorRequestId with a fresh UUID when the caller leaves it out.
 */
export function rememberedRequest(
  ctx: CloudMapContext,
  operation: string,
  run: () => Record<string, unknown>,
): Record<string, unknown> {
  const token = str(ctx, 'CreatorRequestId');
  if (token === undefined) return run();
  const key = stableJson([ctx.caller, operation, token]);
  const fingerprint = stableJson({ ...ctx.input, CreatorRequestId: undefined });
  const seen = ctx.state.requests[key];
  if (seen) {
    if (seen.fingerprint !== fingerprint)
      throw new CloudMapError(
        'DuplicateRequest',
        `CreatorRequestId ${token} was already used for a different ${operation} request`,
        typeof seen.result.OperationId === 'string' ? { DuplicateOperationId: seen.result.OperationId } : {},
      );
    return structuredClone(seen.result);
  }
  const result = run();
  ctx.state.requests[key] = { fingerprint, result: structuredClone(result) };
  return result;
}
