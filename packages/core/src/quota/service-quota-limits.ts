import { defaultResolvedLimits, type ResolvedQuotaLimits } from '../drift/quota-limits-source.ts';
import {
  defaultLatticeQuotaLimits,
  LATTICE_QUOTA_DEFAULTS,
  type LatticeQuotaLimits,
  type LatticeQuotaName,
} from '../lattice/lattice-quotas.ts';
import type { TargetProvider } from '../target.ts';
import { QUOTA_DEFAULTS, type QuotaName } from './quota-defaults.ts';

/**
 * One quota's applied value by its Service Quotas code (the adapter's GetServiceQuota in the provider's
 * service code). Throwing, or answering without a number, makes that quota fall back to its default.
 */
export type ReadServiceQuota = (quotaCode: string) => Promise<number | undefined>;

/**
 * The values Service Quotas gives for the quotas that have a code, read at once. Any failure for a quota (no
 * permission, throttling, a quota AWS no longer lists) leaves it out, and `onFallback` says which and why,
 * so the pre-check and the quota report always have a number and can say where it came from.
 */
async function readOverrides<N extends string>(
  codes: ReadonlyArray<readonly [N, string]>,
  read: ReadServiceQuota,
  onFallback: ((quota: N, error: unknown) => void) | undefined,
): Promise<Partial<Record<N, number>>> {
  const overrides: Partial<Record<N, number>> = {};
  await Promise.all(
    codes.map(async ([name, code]) => {
      try {
        const value = await read(code);
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
          throw new Error(`GetServiceQuota ${code} answered without a usable value`);
        }
        overrides[name] = value;
      } catch (error) {
        onFallback?.(name, error);
      }
    }),
  );
  return overrides;
}

/** The account's App Mesh limits (service code `appmesh`), each marked with where it came from. */
async function appMeshQuotaLimits(
  read: ReadServiceQuota,
  onFallback?: (quota: QuotaName, error: unknown) => void,
): Promise<ResolvedQuotaLimits> {
  const coded = Object.values(QUOTA_DEFAULTS).flatMap((q) => (q.code ? [[q.name, q.code] as const] : []));
  const overrides = await readOverrides(coded, read, onFallback);
  const { limits, sources } = defaultResolvedLimits(overrides);
  const fromServiceQuotas = Object.fromEntries(Object.keys(overrides).map((q) => [q, 'service-quotas']));
  return { limits, sources: { ...sources, ...fromServiceQuotas } };
}

/** The account's VPC Lattice limits (service code `vpc-lattice`). */
async function latticeQuotaLimits(
  read: ReadServiceQuota,
  onFallback?: (quota: LatticeQuotaName, error: unknown) => void,
): Promise<LatticeQuotaLimits> {
  const coded = Object.values(LATTICE_QUOTA_DEFAULTS).map((q) => [q.name, q.code] as const);
  return { ...defaultLatticeQuotaLimits(), ...(await readOverrides(coded, read, onFallback)) };
}

/** Per provider: the names of its quotas and the limits its plan's pre-check reads. */
interface ProviderQuotaLimits {
  appmesh: { name: QuotaName; limits: ResolvedQuotaLimits };
  lattice: { name: LatticeQuotaName; limits: LatticeQuotaLimits };
}

type QuotaLimitsReader<P extends TargetProvider> = (
  read: ReadServiceQuota,
  onFallback?: (quota: ProviderQuotaLimits[P]['name'], error: unknown) => void,
) => Promise<ProviderQuotaLimits[P]['limits']>;

const readers: { [P in TargetProvider]: QuotaLimitsReader<P> } = {
  appmesh: appMeshQuotaLimits,
  lattice: latticeQuotaLimits,
};

/**
 * The account's limits for a provider's quotas from Service Quotas, one entry for every provider: each
 * provider's adapter only says how to read one quota in its service code.
 */
export const serviceQuotaLimits = <P extends TargetProvider>(
  provider: P,
  ...[read, onFallback]: Parameters<QuotaLimitsReader<P>>
): ReturnType<QuotaLimitsReader<P>> => readers[provider](read, onFallback);

/** A quota meshcd reads, as Service Quotas lists it: its service and quota codes, name and documented default. */
export interface DocumentedServiceQuota {
  serviceCode: 'appmesh' | 'vpc-lattice';
  quotaCode: string;
  quotaName: string;
  value: number;
}

/** Every quota meshcd reads from Service Quotas, at its documented default (what an untouched account has). */
export const documentedServiceQuotas = (): DocumentedServiceQuota[] => [
  ...Object.values(QUOTA_DEFAULTS).flatMap((q) =>
    q.code
      ? [{ serviceCode: 'appmesh' as const, quotaCode: q.code, quotaName: q.title, value: q.limit }]
      : [],
  ),
  ...Object.values(LATTICE_QUOTA_DEFAULTS).map((q) => ({
    serviceCode: 'vpc-lattice' as const,
    quotaCode: q.code,
    quotaName: q.title,
    value: q.limit,
  })),
];
