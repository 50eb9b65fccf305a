/** What a change outcome keeps of an error: reason, message and whether a retry can help. */
export function errorSummary(error: unknown): { reason: string; message: string; retryable: boolean } {
  const e = error as { name?: string; message?: string; retryable?: boolean; reason?: string };
  return {
    reason: e.reason ?? e.name ?? 'Error',
    message: e.message ?? String(error),
    retryable: e.retryable ?? false,
  };
}
