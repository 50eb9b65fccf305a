import { GetServiceQuotaCommand, type ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import {
  defaultResolvedLimits,
  QUOTA_DEFAULTS,
  type QuotaLimitSource,
  type QuotaLimitsSource,
  type QuotaName,
  type ResolvedQuotaLimits,
} from '@meshcd/core';

export interface ServiceQuotasLimitsOptions {
  /** Anything with the client's `send`; a ServiceQuotasClient in the region of the target. */
  client: Pick<ServiceQuotasClient, 'send'>;
  /** Told about every quota that fell back to its default, and why (for a log line or a metric). */
  onFallback?: (quota: QuotaName, error: unknown) => void;
}

/**
 * App Mesh limits from Service Quotas (GetServiceQuota by code, service `appmesh`). Any failure for a
 * quota (no permission, throttling, a quota AWS no longer lists, App Mesh being retired) falls back to
 * its documented default, so the plan's pre-check and the quota report always have a number, and say
 * where it came from.
 */
export function createServiceQuotasLimits(options: ServiceQuotasLimitsOptions): QuotaLimitsSource {
  return {
    async resolve(): Promise<ResolvedQuotaLimits> {
      const overrides: Partial<Record<QuotaName, number>> = {};
      const sources = { ...defaultResolvedLimits().sources } as Record<QuotaName, QuotaLimitSource>;
      await Promise.all(
        Object.values(QUOTA_DEFAULTS).map(async (q) => {
          if (!q.code) return;
          try {
            const out = await options.client.send(
              new GetServiceQuotaCommand({ ServiceCode: 'appmesh', QuotaCode: q.code }),
            );
            const value = out.Quota?.Value;
            if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
              throw new Error(`GetServiceQuota ${q.code} answered without a usable value`);
            }
            overrides[q.name] = value;
            sources[q.name] = 'service-quotas';
          } catch (error) {
            options.onFallback?.(q.name, error);
          }
        }),
      );
      return { limits: defaultResolvedLimits(overrides).limits, sources };
    },
  };
}
