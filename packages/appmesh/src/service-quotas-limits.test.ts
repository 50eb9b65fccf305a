import { GetServiceQuotaCommand } from '@aws-sdk/client-service-quotas';
import { describe, expect, it } from 'vitest';
import { QUOTA_DEFAULTS } from '../../core/src/quota/quota-defaults.ts';
import { createServiceQuotasLimits } from './service-quotas-limits.ts';

/** A client answering GetServiceQuota from a table of code → value, or with an error for other codes. */
const fakeClient = (values: Record<string, number>, seen: string[] = []) => ({
  send: async (command: unknown) => {
    const input = (command as GetServiceQuotaCommand).input;
    expect(command).toBeInstanceOf(GetServiceQuotaCommand);
    expect(input.ServiceCode).toBe('appmesh');
    seen.push(input.QuotaCode!);
    const value = values[input.QuotaCode!];
    if (value === undefined) throw Object.assign(new Error('not found'), { name: 'NoSuchResourceException' });
    return { Quota: { Value: value } };
  },
});

describe('createServiceQuotasLimits', () => {
  it('takes each limit Service Quotas has by code and falls back to the documented default for the rest', async () => {
    const seen: string[] = [];
    const fallbacks: string[] = [];
    const source = createServiceQuotasLimits({
      client: fakeClient({ 'L-E043DFB4': 500, 'L-87E74146': 5 }, seen) as never,
      onFallback: (q) => fallbacks.push(q),
    });
    const { limits, sources } = await source.resolve();
    expect(limits.virtualNodesPerMesh).toBe(500);
    expect(limits.virtualGatewaysPerMesh).toBe(5);
    expect(sources.virtualNodesPerMesh).toBe('service-quotas');
    expect(limits.routesPerVirtualRouter).toBe(QUOTA_DEFAULTS.routesPerVirtualRouter.limit);
    expect(sources.routesPerVirtualRouter).toBe('default');
    // Quotas without a code (model limits) are never asked for.
    expect(sources.tagsPerResource).toBe('default');
    const coded = Object.values(QUOTA_DEFAULTS).filter((q) => q.code);
    expect(seen.sort()).toEqual(coded.map((q) => q.code).sort());
    expect(fallbacks).toHaveLength(coded.length - 2);
  });

  it('falls back to every default when Service Quotas cannot be reached at all', async () => {
    const source = createServiceQuotasLimits({
      client: {
        send: async () => {
          throw Object.assign(new Error('AccessDenied'), { name: 'AccessDeniedException' });
        },
      } as never,
    });
    const { limits, sources } = await source.resolve();
    for (const q of Object.values(QUOTA_DEFAULTS)) {
      expect(limits[q.name]).toBe(q.limit);
      expect(sources[q.name]).toBe('default');
    }
  });
});
