import { GetServiceQuotaCommand, type ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import {
  defaultLatticeQuotaLimits,
  LATTICE_QUOTA_DEFAULTS,
  type LatticeQuotaLimits,
  type LatticeQuotaName,
} from '@meshcd/core';

/**
 * The account's VPC Lattice limits from Service Quotas (GetServiceQuota by code, service `vpc-lattice`).
 * A quota that cannot be read (no permission, throttling, an unknown code) falls back to its documented
 * default, and `onFallback` says which and why, so the plan's pre-check always has a number.
 */
export function createLatticeQuotaLimits(options: {
  client: Pick<ServiceQuotasClient, 'send'>;
  onFallback?: (quota: LatticeQuotaName, error: unknown) => void;
}): { resolve(): Promise<LatticeQuotaLimits> } {
  return {
    async resolve() {
      const overrides: Partial<Record<LatticeQuotaName, number>> = {};
      await Promise.all(
        (Object.keys(LATTICE_QUOTA_DEFAULTS) as LatticeQuotaName[]).map(async (name) => {
          try {
            const out = await options.client.send(
              new GetServiceQuotaCommand({
                ServiceCode: 'vpc-lattice',
                QuotaCode: LATTICE_QUOTA_DEFAULTS[name].code,
              }),
            );
            const value = out.Quota?.Value;
            if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
              throw new Error(
                `GetServiceQuota ${LATTICE_QUOTA_DEFAULTS[name].code} answered without a usable value`,
              );
            overrides[name] = value;
          } catch (error) {
            options.onFallback?.(name, error);
          }
        }),
      );
      return { ...defaultLatticeQuotaLimits(), ...overrides };
    },
  };
}
