import { defaultTargetPolicy, type Target } from '@meshcd/core';
import { describe, expect, it } from 'vitest';
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
});
