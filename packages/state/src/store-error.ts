import { MeshcdError } from '@meshcd/core';

/** DynamoDB faults a retry can fix: throttling, capacity, 5xx and network errors. */
const transientNames = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionConflictException',
]);

export const isConditionalCheckFailure = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

/** Wraps a DynamoDB failure so callers see phase, reason and whether retrying can help. */
export function storeError(operation: string, tableName: string, error: unknown): MeshcdError {
  if (error instanceof MeshcdError) return error;
  const name = error instanceof Error ? error.name : 'Error';
  const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  const networkFault =
    error instanceof Error && /ECONNREFUSED|ECONNRESET|ETIMEDOUT|socket hang up|EPIPE/.test(error.message);
  const retryable = transientNames.has(name) || (status !== undefined && status >= 500) || networkFault;
  return new MeshcdError({
    phase: 'record',
    reason: retryable ? 'store-unavailable' : 'store-error',
    retryable,
    message: `${operation} on table '${tableName}' failed: ${name}: ${error instanceof Error ? error.message : String(error)}`,
    cause: error,
  });
}
