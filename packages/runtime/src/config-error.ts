import { MeshcdError } from '@meshcd/core';

/**
 * A deployment mistake in a function's environment: terminal (retrying cannot fix an env var), and it
 * names the variable so the fix is obvious from the first log line of a cold start. A MeshcdError, so
 * it is reported like every other terminal error instead of being retried into the dead-letter queue.
 */
export class ConfigError extends MeshcdError {
  readonly variable: string;

  constructor(variable: string, message: string, cause?: unknown) {
    super({
      phase: 'config',
      reason: 'invalid-config',
      message: `${variable}: ${message}`,
      retryable: false,
      cause,
    });
    this.name = 'ConfigError';
    this.variable = variable;
  }
}
