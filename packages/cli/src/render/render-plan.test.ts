import { describe, expect, it } from 'vitest';
import { type PlanReport, renderPlanText } from './render-plan.ts';

const report: PlanReport = {
  status: 'refused',
  revision: 'tree-1',
  summary: null,
  blockers: [],
  changes: [
    {
      action: 'create',
      reason: 'not-found',
      kind: 'VirtualNode',
      key: 'appmesh:shop/VirtualNode/orders_shop',
      mesh: 'shop',
      name: 'orders_shop',
      wave: 1,
      diff: [],
      source: 'mesh/orders.yaml:12:1',
    },
  ],
  diagnostics: [
    {
      severity: 'warning',
      code: 'not-a-manifest',
      message: 'kustomization.yaml is a kustomize file; it is skipped',
      object: '',
      path: '',
      file: 'kustomization.yaml',
      line: 1,
      column: 1,
    },
    {
      severity: 'error',
      code: 'unknown-field',
      message: 'unknown field "bogus"',
      object: 'Mesh//shop',
      path: 'spec.bogus',
      file: 'mesh.yaml',
      line: 6,
      column: 3,
    },
  ],
};

describe('renderPlanText', () => {
  it('keeps the warnings of a refused plan, in the format validate uses', () => {
    const text = renderPlanText(report);
    expect(text).toContain(
      'kustomization.yaml:1:1 warning [not-a-manifest]\n  kustomization.yaml is a kustomize file',
    );
    expect(text).toContain(
      'mesh.yaml:6:3 error [unknown-field]\n  Mesh//shop spec.bogus\n  unknown field "bogus"',
    );
  });

  it('names the file and line each change comes from', () => {
    expect(renderPlanText(report)).toContain(
      '+ VirtualNode orders_shop (mesh shop, not-found) mesh/orders.yaml:12:1',
    );
  });
});
