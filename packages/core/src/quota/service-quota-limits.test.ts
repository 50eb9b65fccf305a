import { describe, expect, it } from 'vitest';
import { defaultLatticeQuotaLimits, LATTICE_QUOTA_DEFAULTS } from '../lattice/lattice-quotas.ts';
import { serviceQuotaLimits } from './service-quota-limits.ts';

describe('Service Quotas limits', () => {
  it('takes each Lattice limit Service Quotas gives and keeps the default where the read fails or is unusable', async () => {
    const fallbacks: string[] = [];
    const values: Record<string, number> = {
      [LATTICE_QUOTA_DEFAULTS.servicesPerRegion.code]: 4000,
      [LATTICE_QUOTA_DEFAULTS.rulesPerListener.code]: Number.NaN,
    };
    const limits = await serviceQuotaLimits(
      'lattice',
      async (code) => {
        if (code === LATTICE_QUOTA_DEFAULTS.listenersPerService.code) throw new Error('AccessDenied');
        return values[code];
      },
      (quota) => fallbacks.push(quota),
    );
    expect(limits).toEqual({ ...defaultLatticeQuotaLimits(), servicesPerRegion: 4000 });
    expect(fallbacks).toHaveLength(Object.keys(LATTICE_QUOTA_DEFAULTS).length - 1);
    expect(fallbacks).toContain('rulesPerListener');
  });

  it('marks an App Mesh limit read from Service Quotas as such and every other one as a default', async () => {
    const { limits, sources } = await serviceQuotaLimits('appmesh', async (code) =>
      code === 'L-E043DFB4' ? 500 : undefined,
    );
    expect(limits.virtualNodesPerMesh).toBe(500);
    expect(sources.virtualNodesPerMesh).toBe('service-quotas');
    expect(Object.entries(sources).filter(([, s]) => s === 'service-quotas')).toHaveLength(1);
  });
});
