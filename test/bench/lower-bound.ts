/** One call as an emulator's call log keeps it. */
interface LoggedCall {
  operation: string;
  errorType?: string;
}

export interface CallBudget {
  /** Every call is answered after this long. */
  latencyMs: number;
  /** The service's write rate per account. */
  writesPerSecond: number;
  /** Writes its bucket holds when full, as it starts: `writesPerSecond` when absent. */
  writeBurst?: number;
  isWrite: (operation: string) => boolean;
  /** The error the service answers a throttled call with. */
  throttledError: string;
  /** Calls that read one resource (Describe, Get). */
  isDescribe: (operation: string) => boolean;
}

const byOperation = (calls: readonly LoggedCall[]) => {
  const counts: Record<string, number> = {};
  for (const c of calls) counts[c.operation] = (counts[c.operation] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
};

/**
 * Wall time, calls by operation, and how the time compares with what the budget allows at best: every
 * write at the service's rate, and each wave at least one call's latency after the one before.
 */
export function measureAgainstLowerBound(
  calls: readonly LoggedCall[],
  ms: number,
  waves: number,
  budget: CallBudget,
) {
  // A throttled attempt takes no token from the service's bucket: only accepted writes bound the time.
  const writes = calls.filter(
    (c) => budget.isWrite(c.operation) && c.errorType !== budget.throttledError,
  ).length;
  const lowerBoundMs = Math.max((writes / budget.writesPerSecond) * 1000, waves * budget.latencyMs);
  // The service's bucket starts full, so the first `burst` writes cost no wait: the tighter bound.
  const burst = budget.writeBurst ?? budget.writesPerSecond;
  const burstAwareMs = Math.max(
    (Math.max(0, writes - burst) / budget.writesPerSecond) * 1000,
    waves * budget.latencyMs,
  );
  return {
    wallMs: Math.round(ms),
    calls: calls.length,
    callsByOperation: byOperation(calls),
    writes,
    describes: calls.filter((c) => budget.isDescribe(c.operation)).length,
    throttled: calls.filter((c) => c.errorType === budget.throttledError).length,
    waves,
    lowerBoundMs: Math.round(lowerBoundMs),
    ratioToLowerBound: lowerBoundMs > 0 ? Number((ms / lowerBoundMs).toFixed(3)) : null,
    burstAwareLowerBoundMs: Math.round(burstAwareMs),
    ratioToBurstAwareLowerBound: burstAwareMs > 0 ? Number((ms / burstAwareMs).toFixed(3)) : null,
  };
}

/** Waves a plan's writes ran in. */
export const waveCount = (changes: readonly { action: string; wave: number }[]) =>
  new Set(changes.filter((c) => c.action !== 'unchanged' && c.action !== 'skip').map((c) => c.wave)).size;
