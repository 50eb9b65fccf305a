import type { AppMeshErrorType } from './errors.ts';
import type { OperationName } from './model.generated.ts';
import {
  type AppMeshBehaviours,
  type AppMeshQuotas,
  defaultBehaviours,
  defaultQuotas,
} from './service-config.ts';
import type { RateLimit } from './token-bucket.ts';

/** An injected failure for one operation (or `*` for all). */
export interface FaultRule {
  errorType: AppMeshErrorType;
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

/** Everything tests and benchmarks can turn at runtime. */
export interface Knobs {
  /** Added before every call is handled. */
  latencyMs: number;
  /** Per-account token buckets for Describe/List and for everything else; null means unlimited. */
  readRate: RateLimit | null;
  writeRate: RateLimit | null;
  faults: Partial<Record<OperationName | '*', FaultRule>>;
  /** Chance per call, 0..1, that the connection is dropped without a response. */
  dropConnectionRate: number;
  quotas: AppMeshQuotas;
  behaviours: AppMeshBehaviours;
  /** Source of randomness for rates; replace it for deterministic tests. */
  random: () => number;
}

export function makeKnobs(overrides: Partial<Knobs> = {}): Knobs {
  return {
    latencyMs: 0,
    readRate: null,
    writeRate: null,
    faults: {},
    dropConnectionRate: 0,
    random: Math.random,
    ...overrides,
    quotas: { ...defaultQuotas, ...overrides.quotas },
    behaviours: { ...defaultBehaviours, ...overrides.behaviours },
  };
}

/** The fault to inject for this call, if any; consumes one of its `times`. */
export function pickFault(knobs: Knobs, operation: OperationName): FaultRule | undefined {
  const rule = knobs.faults[operation] ?? knobs.faults['*'];
  if (!rule) return undefined;
  if (rule.times !== undefined && rule.times <= 0) return undefined;
  if (knobs.random() >= (rule.rate ?? 1)) return undefined;
  if (rule.times !== undefined) rule.times -= 1;
  return rule;
}
