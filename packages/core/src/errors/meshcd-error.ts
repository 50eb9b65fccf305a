/** The step of the data flow an error happened in. */
export type Phase =
  | 'event'
  | 'source'
  | 'manifests'
  | 'desired'
  | 'observe'
  | 'plan'
  | 'apply'
  | 'record'
  | 'report'
  | 'cluster'
  /** The deployment's own configuration (a function's environment): terminal until redeployed. */
  | 'config'
  | 'endpoints';

/**
 * Every error meshcd raises on purpose. `retryable` decides what the platform does with it: invalid
 * input is terminal (report it, do not retry), throttling and network faults are transient (throw,
 * let the platform retry).
 */
export class MeshcdError extends Error {
  readonly phase: Phase;
  readonly reason: string;
  readonly retryable: boolean;

  constructor(options: {
    phase: Phase;
    reason: string;
    message: string;
    retryable?: boolean;
    cause?: unknown;
  }) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MeshcdError';
    this.phase = options.phase;
    this.reason = options.reason;
    this.retryable = options.retryable ?? false;
  }
}
