import type { QuotaName } from '../quota/quota-defaults.ts';
import type { QuotaUsage } from '../quota/quota-usage.ts';
import type { QuotaLimitSource } from './quota-limits-source.ts';

/** How close a quota is: below the warning threshold, at or above it, at the limit, or over it. */
type QuotaLevel = 'ok' | 'warn' | 'full' | 'exceeded';

const rank: Record<QuotaLevel, number> = { ok: 0, warn: 1, full: 2, exceeded: 3 };

/** True when `level` is more serious than `than`. */
export const isWorseLevel = (level: QuotaLevel, than: QuotaLevel | undefined): boolean =>
  rank[level] > rank[than ?? 'ok'];

export interface QuotaThresholds {
  /** Fraction of the limit (0..1) from which a quota is reported as `warn`. Default 0.8. */
  warn: number;
}

export const defaultQuotaThresholds: QuotaThresholds = { warn: 0.8 };

export interface QuotaLine extends QuotaUsage {
  /** used / limit (Infinity when the limit is 0 and something is used). */
  ratio: number;
  level: QuotaLevel;
  limitSource: QuotaLimitSource;
}

/** Stable identity of a quota line across reports. */
export const quotaLineId = (line: Pick<QuotaUsage, 'quota' | 'scope'>) => `${line.quota}|${line.scope}`;

/**
 * Rates each quota's usage against its limit. At the limit is `full` (nothing more can be created), over
 * it `exceeded` (the limit was lowered, or others in a shared mesh used it up).
 */
export function quotaReport(
  usage: readonly QuotaUsage[],
  thresholds: QuotaThresholds = defaultQuotaThresholds,
  sources: Partial<Record<QuotaName, QuotaLimitSource>> = {},
): QuotaLine[] {
  return usage.map((u) => {
    const ratio = u.limit === 0 ? (u.used === 0 ? 0 : Number.POSITIVE_INFINITY) : u.used / u.limit;
    const level: QuotaLevel =
      u.used > u.limit
        ? 'exceeded'
        : u.used === u.limit && u.used > 0
          ? 'full'
          : ratio >= thresholds.warn
            ? 'warn'
            : 'ok';
    return { ...u, ratio, level, limitSource: sources[u.quota] ?? 'default' };
  });
}
