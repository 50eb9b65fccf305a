import { MeshcdError } from '@meshcd/core';

export interface ErrorLogger {
  error(message: string, error: Error): void;
}

/** A terminal error as it is logged and reported. */
export interface ReportedError {
  phase: string;
  reason: string;
  retryable: false;
  message: string;
}

/**
 * Decides what the platform does with a failure. A terminal MeshcdError (invalid manifests, a forged
 * event, a lost lease) is logged and returned for the outcome event: retrying the same input cannot
 * help, and throwing would only burn retries and land it in the dead-letter queue. Anything transient,
 * and anything unexpected, is rethrown so EventBridge and Lambda retry it.
 */
export function reportOrThrow(error: unknown, logger: ErrorLogger): ReportedError {
  if (!(error instanceof MeshcdError)) {
    const denied = terminalAwsError(error);
    if (!denied) throw error;
    logger.error(`aws/${denied.reason}: ${denied.message}`, error as Error);
    return denied;
  }
  if (error.retryable) throw error;
  logger.error(`${error.phase}/${error.reason}: ${error.message}`, error);
  return { phase: error.phase, reason: error.reason, retryable: false, message: error.message };
}

/**
 * AWS errors no retry can fix, whichever adapter let them through: the role is not allowed (IAM), or
 * the resource does not exist. Retrying them only burns attempts and ends in the dead-letter queue.
 */
const terminalAwsNames = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedOperation',
  'ResourceNotFoundException',
  'NotFoundException',
]);

function terminalAwsError(error: unknown): ReportedError | undefined {
  const name = (error as { name?: unknown } | undefined)?.name;
  if (typeof name !== 'string' || !terminalAwsNames.has(name)) return undefined;
  return { phase: 'aws', reason: name, retryable: false, message: (error as Error).message };
}
