import { describe, expect, it } from 'vitest';
import type { DesiredMesh } from '../desired/desired-state.ts';
import { checkQuotas } from '../desired/set-checks.ts';
import { defaultQuotaLimits } from './quota-defaults.ts';
import { quotaUsage } from './quota-usage.ts';

const us = '111122223333';
const them = '444455556666';
const mesh = (name: string, meshOwner?: string): DesiredMesh => ({
  kind: 'Mesh',
  key: `appmesh:${name}/Mesh/${name}`,
  meshName: name,
  ...(meshOwner ? { meshOwner } : {}),
  name,
  spec: {},
  source: {
    ref: { apiVersion: 'appmesh.k8s.aws/v1beta2', kind: 'Mesh', name },
    location: { file: 'meshes.yaml', line: 1, column: 1 },
  },
  dependsOn: [],
});

describe('one quota counter for the set check, the plan and the report', () => {
  const limits = { ...defaultQuotaLimits(), meshesPerAccount: 1 };

  it("counts a Mesh whose meshOwner is the caller's own account against the caller, in both", () => {
    const meshes = [mesh('a'), mesh('b', us)];
    const used = quotaUsage(meshes, us, limits).find((u) => u.quota === 'meshesPerAccount')?.used;
    expect(used).toBe(2);
    expect(checkQuotas(meshes, limits, us)).toEqual([
      expect.objectContaining({
        code: 'quota-exceeded',
        message: 'the account would have 2, over the App Mesh quota "Meshes per account" (L-AC861A39) of 1',
      }),
    ]);
  });

  it('does not count a Mesh shared from another account, in both', () => {
    const meshes = [mesh('a'), mesh('b', them)];
    expect(quotaUsage(meshes, us, limits).find((u) => u.quota === 'meshesPerAccount')?.used).toBe(1);
    expect(checkQuotas(meshes, limits, us)).toEqual([]);
  });
});
