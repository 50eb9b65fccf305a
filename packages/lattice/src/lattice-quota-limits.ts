import { GetServiceQuotaCommand, type ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { serviceQuotaLimits } from '@meshcd/core';

/**
 * The account's VPC Lattice limits from Service Quotas (GetServiceQuota by code, service `vpc-lattice`).
 * A quota that cannot be read (no permission, throttling, an unknown code) falls back to its documented
 * default, and `onFallback` says which and why, so the plan's pre-check always has a number.
 */
export function createLatticeQuotaLimits(options: {
  client: Pick<ServiceQuotasClient, 'send'>;
  onFallback?: Parameters<typeof serviceQuotaLimits<'lattice'>>[2];
}) {
  const read = async (code: string) =>
    (await options.client.send(new GetServiceQuotaCommand({ ServiceCode: 'vpc-lattice', QuotaCode: code })))
      .Quota?.Value;
  return { resolve: () => serviceQuotaLimits('lattice', read, options.onFallback) };
}
