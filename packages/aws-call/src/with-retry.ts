export interface RetryOptions {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  /** Which errors a retry can help; default isTransient. */
  isTransient?: (error: unknown) => boolean;
}

const transientNames = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'InternalServerErrorException',
  'ServiceUnavailableException',
  'TimeoutError',
  'RequestTimeout',
]);
const transientCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
]);

/** Throttling, 5xx and dropped connections are worth retrying; everything else is the caller's problem. */
export function isTransient(error: unknown): boolean {
  const e = error as {
    name?: string;
    code?: string;
    $metadata?: { httpStatusCode?: number };
    $fault?: string;
  };
  if (e?.name && transientNames.has(e.name)) return true;
  if (e?.code && transientCodes.has(e.code)) return true;
  const status = e?.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) return true;
  return e?.$fault === 'server';
}

/** Runs `fn`, retrying transient failures with full-jitter exponential backoff. */
export async function withRetry<T>(fn: () => Promise<T>, options: RetryOptions): Promise<T> {
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= options.maxAttempts || !(options.isTransient ?? isTransient)(error)) throw error;
      const delay = random() * Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
      options.onRetry?.(error, attempt, delay);
      await sleep(delay);
    }
  }
}
