import type { RateLimit } from './token-bucket.ts';

/** An injected failure for one operation (or `*` for all). */
export interface FaultRule<E extends string = string> {
  errorType: E;
  /** Chance per call, 0..1 (default 1). */
  rate?: number;
  /** Fail only this many calls, then stop (default: unlimited). Decremented as faults fire. */
  times?: number;
  /**
   * Commit the change first and then answer with the error, as a real service can when a response is lost.
   * The SDK retries with the same clientToken and must get the original result back.
   */
  afterCommit?: boolean;
  message?: string;
}

/** The knobs every emulated AWS service has, whatever it emulates: what the wire does around the service. */
export interface TransportKnobs<Op extends string = string, E extends string = string> {
  /** Added before every call is handled. */
  latencyMs: number;
  /** Per-account token buckets for reads (Describe/Get/List) and for everything else; null means unlimited. */
  readRate: RateLimit | null;
  writeRate: RateLimit | null;
  faults: Partial<Record<Op | '*', FaultRule<E>>>;
  /** Chance per call, 0..1, that the connection is dropped without a response. */
  dropConnectionRate: number;
  /** Source of randomness for rates; replace it for deterministic tests. */
  random: () => number;
}

export const defaultTransportKnobs = <Op extends string, E extends string>(): TransportKnobs<Op, E> => ({
  latencyMs: 0,
  readRate: null,
  writeRate: null,
  faults: {},
  dropConnectionRate: 0,
  random: Math.random,
});

/** The fault to inject for this call, if any; consumes one of its `times`. */
export function pickFault<Op extends string, E extends string>(
  knobs: TransportKnobs<Op, E>,
  operation: Op,
): FaultRule<E> | undefined {
  const rule = knobs.faults[operation] ?? knobs.faults['*'];
  if (!rule) return undefined;
  if (rule.times !== undefined && rule.times <= 0) return undefined;
  if (knobs.random() >= (rule.rate ?? 1)) return undefined;
  if (rule.times !== undefined) rule.times -= 1;
  return rule;
}
