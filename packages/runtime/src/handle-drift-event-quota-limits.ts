import type { QuotaLimitsSource, QuotaName, Target } from '@meshcd/core';
import type { RuntimeConfig } from './runtime-config.ts';

/**
 * The account's App Mesh limits for a target, from Service Quotas in the target's region (one client per
 * region, loaded on first use). An emulated world without a Service Quotas emulator uses the documented
 * defaults (undefined); with one, the check reads it as it reads AWS. A quota Service Quotas cannot answer
 * falls back to its default.
 */
export function serviceQuotasFor(
  config: Pick<RuntimeConfig, 'endpoints'>,
  onFallback?: (quota: QuotaName, error: unknown) => void,
): (target: Target) => QuotaLimitsSource | undefined {
  const endpoint = config.endpoints.serviceQuotas;
  if (config.endpoints.appMesh && !endpoint) return () => undefined;
  const sources = new Map<string, QuotaLimitsSource>();
  return (target) => {
    let source = sources.get(target.region);
    if (!source) {
      const region = target.region;
      let loaded: Promise<QuotaLimitsSource> | undefined;
      source = {
        async resolve() {
          loaded ??= (async () => {
            const [{ ServiceQuotasClient }, { createServiceQuotasLimits }] = await Promise.all([
              import('@aws-sdk/client-service-quotas'),
              import('@meshcd/appmesh'),
            ]);
            return createServiceQuotasLimits({
              client: new ServiceQuotasClient({ region, ...(endpoint ? { endpoint } : {}) }),
              onFallback,
            });
          })();
          return (await loaded).resolve();
        },
      };
      sources.set(region, source);
    }
    return source;
  };
}
