import type { QuotaLimitsSource, QuotaName, Target } from '@meshcd/core';
import type { RuntimeConfig } from './runtime-config.ts';
import type { Credentials } from './target-credentials.ts';

/**
 * The account's App Mesh limits for a target, from Service Quotas in the target's account and region:
 * quotas are per account, so a target in another account is read through its role, as its App Mesh
 * client is (one client per account, region and role, loaded on first use). An emulated world without a Service Quotas emulator uses the documented
 * defaults (undefined); with one, the check reads it as it reads AWS. A quota Service Quotas cannot answer
 * falls back to its default.
 */
export function serviceQuotasFor(
  config: Pick<RuntimeConfig, 'endpoints'>,
  onFallback?: (quota: QuotaName, error: unknown) => void,
  credentialsOf: (target: Target) => Credentials | undefined = () => undefined,
): (target: Target) => QuotaLimitsSource | undefined {
  const endpoint = config.endpoints.serviceQuotas;
  if (config.endpoints.appMesh && !endpoint) return () => undefined;
  const sources = new Map<string, QuotaLimitsSource>();
  return (target) => {
    const key = `${target.accountId}/${target.region}/${target.role?.arn ?? ''}`;
    let source = sources.get(key);
    if (!source) {
      const region = target.region;
      const credentials = credentialsOf(target);
      let loaded: Promise<QuotaLimitsSource> | undefined;
      source = {
        async resolve() {
          loaded ??= (async () => {
            const [{ ServiceQuotasClient }, { createServiceQuotasLimits }] = await Promise.all([
              import('@aws-sdk/client-service-quotas'),
              import('@meshcd/appmesh'),
            ]);
            return createServiceQuotasLimits({
              client: new ServiceQuotasClient({
                region,
                ...(endpoint ? { endpoint } : {}),
                ...(credentials ? { credentials } : {}),
              }),
              onFallback,
            });
          })();
          return (await loaded).resolve();
        },
      };
      sources.set(key, source);
    }
    return source;
  };
}
