import { GetServiceQuotaCommand, type ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { type QuotaLimitsSource, type QuotaName, serviceQuotaLimits } from '@meshcd/core';

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
  const read = async (code: string) =>
    (await options.client.send(new GetServiceQuotaCommand({ ServiceCode: 'appmesh', QuotaCode: code }))).Quota
      ?.Value;
  return { resolve: () => serviceQuotaLimits('appmesh', read, options.onFallback) };
}
