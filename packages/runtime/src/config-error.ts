/**
 * A deployment mistake in a function's environment: terminal (retrying cannot fix an env var), and it
 * names the variable so the fix is obvious from the first log line of a cold start.
 */
export class ConfigError extends Error {
  readonly phase = 'config' as const;
  readonly reason = 'invalid-config' as const;
  readonly retryable = false;
  readonly variable: string;

  constructor(variable: string, message: string, cause?: unknown) {
    super(`${variable}: ${message}`, cause === undefined ? undefined : { cause });
    this.name = 'ConfigError';
    this.variable = variable;
  }
}
