import {
  defaultQuotaLimits,
  QUOTA_DEFAULTS,
  type QuotaLimits,
  type QuotaName,
} from '../quota/quota-defaults.ts';

/** Where a limit came from: the account's Service Quotas value, or the documented default. */
export type QuotaLimitSource = 'service-quotas' | 'default';

export interface ResolvedQuotaLimits {
  limits: QuotaLimits;
  sources: Readonly<Record<QuotaName, QuotaLimitSource>>;
}

/**
 * The port for the account's App Mesh limits (adapter: Service Quotas in packages/appmesh). The plan's
 * pre-check and the quota report both take their numbers from it, so they never disagree.
 */
export interface QuotaLimitsSource {
  resolve(): Promise<ResolvedQuotaLimits>;
}

/** The documented defaults (optionally overridden), all marked as defaults. */
export function defaultResolvedLimits(
  overrides: Partial<Record<QuotaName, number>> = {},
): ResolvedQuotaLimits {
  const sources = {} as Record<QuotaName, QuotaLimitSource>;
  for (const name of Object.keys(QUOTA_DEFAULTS) as QuotaName[]) sources[name] = 'default';
  return { limits: defaultQuotaLimits(overrides), sources };
}
