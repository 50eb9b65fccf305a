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
    expect(limitsFor({ ...target('us-east-1'), accountId: '222222222222' })).not.toBe(east);
  });

  it("reads a target in another account with its role's credentials: quotas are per account", async () => {
    const emulator = await startServiceQuotasEmulator({ values: { 'appmesh/L-E043DFB4': 350 } });
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
    const foreign: Target = {
      ...target('eu-west-1'),
      id: 'foreign',
      accountId: '222222222222',
      role: { arn: 'arn:aws:iam::222222222222:role/meshcd-target', externalId: 'x' },
    };
    // A 12-digit key id signs as that account in the emulators: the role's session here.
    const roleSession = { accessKeyId: '222222222222', secretAccessKey: 'session' };
    try {
      const limitsFor = serviceQuotasFor(
        { endpoints: { appMesh: 'http://127.0.0.1:1', serviceQuotas: emulator.endpoint } },
        undefined,
        (t) => (t.role ? roleSession : undefined),
      );
      await limitsFor(foreign)!.resolve();
      await limitsFor(target('eu-west-1'))!.resolve();
      const accounts = new Set(emulator.calls.map((c) => c.account));
      expect(accounts).toEqual(new Set(['222222222222', '111122223333']));
    } finally {
      vi.unstubAllEnvs();
      await emulator.close();
    }
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
