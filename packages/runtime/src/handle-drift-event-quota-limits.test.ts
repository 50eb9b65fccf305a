import { defaultTargetPolicy, type Target } from '@meshcd/core';
import { startServiceQuotasEmulator } from '@meshcd/emulators';
import { describe, expect, it, vi } from 'vitest';
import { serviceQuotasFor } from './handle-drift-event-quota-limits.ts';

const target = (region: string): Target => ({
  id: `t-${region}`,
  source: { repository: 'https://git.example/m.git', branch: 'main', path: '.' },
  accountId: '111122223333',
  region,
  policy: { ...defaultTargetPolicy },
});

describe('serviceQuotasFor', () => {
  it('uses the documented defaults in the emulated world, which has no Service Quotas', () => {
    const limitsFor = serviceQuotasFor({ endpoints: { appMesh: 'http://127.0.0.1:1' } });
    expect(limitsFor(target('us-east-1'))).toBeUndefined();
  });

  it('keeps one source per region, shared by the targets in it', () => {
    const limitsFor = serviceQuotasFor({ endpoints: {} });
    const east = limitsFor(target('us-east-1'));
    expect(east).toBeDefined();
    expect(limitsFor({ ...target('us-east-1'), id: 'other' })).toBe(east);
    expect(limitsFor(target('eu-west-1'))).not.toBe(east);
  });

  it('reads the local Service Quotas endpoint when the emulated world has one', async () => {
    const emulator = await startServiceQuotasEmulator({ values: { 'appmesh/L-E043DFB4': 350 } });
    // The SDK's default chain, as local mode's functions sign.
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
    try {
      const limitsFor = serviceQuotasFor({
        endpoints: { appMesh: 'http://127.0.0.1:1', serviceQuotas: emulator.endpoint },
      });
      const { limits, sources } = await limitsFor(target('eu-west-1'))!.resolve();
      expect(limits.virtualNodesPerMesh).toBe(350);
      expect(sources.virtualNodesPerMesh).toBe('service-quotas');
      expect(emulator.calls.every((c) => c.status === 200)).toBe(true);
    } finally {
      vi.unstubAllEnvs();
      await emulator.close();
    }
  });
});
