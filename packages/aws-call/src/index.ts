export { TokenBucket } from './token-bucket.ts';
export { isTransient, type RetryOptions, withRetry } from './with-retry.ts';
